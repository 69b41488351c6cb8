using Samples.LoadBalancing;
using Samples.OcelotGateway;
using Samples.ReverseProxy;

namespace Samples.Tests.Hardening;

/// <summary>A listen address of the sample itself that something else holds stops start-up with one line naming urls and the address.</summary>
[Trait("Concept", "Hardening")]
public sealed class BusyListenAddressTests
{
    public static TheoryData<string> Samples() => new() { "02-reverse-proxy", "03-load-balancing", "05-ocelot-gateway" };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Urls_AddressInUse_ExitsWithOneLineNamingUrlsAndTheAddress(string sample)
    {
        // Arrange
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)squatter.LocalEndpoint).Port}";
        var entry = sample switch
        {
            "02-reverse-proxy" => typeof(ReverseProxyApp),
            "03-load-balancing" => typeof(LoadBalancingApp),
            _ => typeof(GatewayApp),
        };

        // Act
        var run = await SampleProcess.RunAsync(entry, sample, [$"--urls={address}"], Ct);

        // Assert
        run.ExitCode.Should().Be(3, run.StdOut + run.StdErr);
        var lines = run.StdErr.Trim().Split('\n');
        lines.Should().ContainSingle("the problem is one line, not a stack trace");
        lines[0].Should().Contain("urls").And.Contain(address);
    }
}
