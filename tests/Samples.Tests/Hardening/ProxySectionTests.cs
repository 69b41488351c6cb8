using Samples.LoadBalancing;

namespace Samples.Tests.Hardening;

/// <summary>
/// A ReverseProxy section YARP refuses stops start-up with one line giving
/// YARP's reasons (the shared runner reports it for every YARP sample).
/// </summary>
[Trait("Concept", "Hardening")]
public sealed class ProxySectionTests
{
    [Fact]
    public async Task ReverseProxySection_RefusedByYarp_ExitsWithCode2AndOneLine()
    {
        // Act
        var run = await SampleProcess.RunAsync(
            typeof(LoadBalancingApp),
            "03-load-balancing",
            ["--urls", "http://127.0.0.1:0", "--ReverseProxy:Routes:round-robin:Match:Methods:0=G T"],
            Ct);

        // Assert
        run.RefusedLine().Should().StartWith("Configuration error: ReverseProxy:").And.Contain("Unsupported HTTP method 'G T'");
    }
}
