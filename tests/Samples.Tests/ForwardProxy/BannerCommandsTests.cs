using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>The banner's commands follow the running settings, so that each works pasted as printed.</summary>
[Trait("Concept", "Filtering")]
public sealed class BannerCommandsTests
{
    private const string Proxy = "http://127.0.0.1:8081";

    [Fact]
    public void Commands_UsersConfigured_EveryCurlAuthenticatesWithoutPrintingThePassword()
    {
        // Arrange
        var options = Options(new() { ["ForwardProxy:Authentication:Users:0"] = "alice:s3cr3t-pw" });

        // Act
        var commands = BannerCommands.For(Proxy, options, demoOrigins: true, originPemPath: "/tmp/demo-origin.pem");

        // Assert: without credentials every one of them would get 407.
        var proxied = commands.Where(c => c.StartsWith("curl", StringComparison.Ordinal) && c.Contains(" -x ", StringComparison.Ordinal)).ToList();
        proxied.Should().HaveCountGreaterThanOrEqualTo(3);
        proxied.Should().AllSatisfy(c => c.Should().Contain("--proxy-user alice").And.NotContain("s3cr3t-pw"));
    }

    [Fact]
    public void Commands_NoUsers_NoCredentials()
    {
        // Arrange
        var options = Options([]);

        // Act
        var commands = BannerCommands.For(Proxy, options, demoOrigins: true, originPemPath: "/tmp/demo-origin.pem");

        // Assert
        commands.Should().HaveCount(4).And.AllSatisfy(c => c.Should().NotContain("--proxy-user"));
        commands.Should().Contain(c => c.Contains($"--cacert /tmp/demo-origin.pem https://127.0.0.1:{DemoOrigins.HttpsPort}/", StringComparison.Ordinal));
    }

    [Fact]
    public void Commands_DemoOriginsOff_NoneNeedsADemoOrigin()
    {
        // Arrange
        var options = Options([]);

        // Act
        var commands = BannerCommands.For(Proxy, options, demoOrigins: false, originPemPath: null);

        // Assert: the demo ports have nothing listening, so a command naming one would only show 502.
        commands.Should().HaveCountGreaterThanOrEqualTo(3);
        commands.Should().AllSatisfy(c => c
            .Should().NotContain($":{DemoOrigins.PlainPortA}")
            .And.NotContain($":{DemoOrigins.PlainPortB}")
            .And.NotContain($":{DemoOrigins.HttpsPort}"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Commands_PastedIntoBash_EveryLineParses(bool demoOrigins)
    {
        // Arrange
        var bash = RealClient.Require("bash", "bash");
        var commands = BannerCommands.For(Proxy, Options([]), demoOrigins, "/tmp/demo-origin.pem");

        // Act: -n reads and parses each line without running it.
        var runs = new List<(string Command, ClientRun Run)>();
        foreach (var command in commands)
        {
            runs.Add((command, await RealClient.RunAsync(bash, ["-n", "-c", command], TimeSpan.FromSeconds(30), cancellationToken: Ct)));
        }

        // Assert
        runs.Should().AllSatisfy(r => r.Run.ExitCode.Should().Be(0, $"'{r.Command}' should paste into a shell as printed ({r.Run.StdErr.Trim()})"));
    }

    private static ProxyAuthentication Options(Dictionary<string, string?> settings) =>
        new(Microsoft.Extensions.Options.Options.Create(ForwardProxySettings.Bind(settings)));
}
