using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class CurlTests
{
    [Fact]
    public async Task Curl_ThreeRequestsToRoundRobin_SeesThreeDifferentDestinations()
    {
        // Arrange
        var curl = Curl.Require();
        await using var balancer = BalancerUnderTest.Start(mode: HostMode.Kestrel);
        var url = new Uri(balancer.Host.BaseAddress, "/round-robin/hello").ToString();

        // Act: one curl process, three requests (the way a learner tries it).
        var run = await curl.RunAsync("-D", "-", "-o", "/dev/null", url, url, url);

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        var destinations = run.StdOut.Split('\n')
            .Where(l => l.StartsWith("x-destination:", StringComparison.OrdinalIgnoreCase))
            .Select(l => l["x-destination:".Length..].Trim())
            .ToList();
        destinations.Should().BeEquivalentTo(BackendTrio.Names);
        BackendTrio.Names.Should().OnlyContain(n => balancer.Backends[n].ReceivedCountFor("/round-robin/hello") == 1);
    }
}
