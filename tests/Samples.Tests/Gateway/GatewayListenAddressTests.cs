using Samples.OcelotGateway;
using Samples.Tests.Infrastructure;

namespace Samples.Tests.Gateway;

/// <summary>A listen address the sample cannot use stops start-up with one line naming the key.</summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayListenAddressTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("notaurl")]
    [InlineData("http://127.0.0.1:abc")]
    public async Task Urls_NotAnAddress_ExitsNonZeroWithOneLineNamingTheKey(string urls)
    {
        // Arrange
        var dotnet = RealClient.Require("dotnet", "dotnet-sdk-10.0");

        // Act
        var run = await RealClient.RunAsync(
            dotnet,
            [typeof(GatewayApp).Assembly.Location, "--contentRoot", SampleFolders.Of("05-ocelot-gateway"), $"--urls={urls}", "--DemoBackends:Enabled=false"],
            TimeSpan.FromSeconds(60),
            cancellationToken: Ct);

        // Assert
        run.ExitCode.Should().Be(2, run.StdOut + run.StdErr);
        run.StdErr.Trim().Should().StartWith($"Configuration error: urls: '{urls}' is not a listen address");
        run.StdErr.Trim().Split('\n').Should().ContainSingle("the problem is one line, not a stack trace");
    }
}
