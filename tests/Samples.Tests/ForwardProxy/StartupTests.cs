using Samples.ForwardProxy;
using Samples.Tests.Infrastructure;

namespace Samples.Tests.ForwardProxy;

/// <summary>The sample as a process: a bad setting stops it with one line naming the key and a non-zero exit code.</summary>
[Trait("Concept", "Filtering")]
public sealed class StartupTests
{
    [Theory]
    [InlineData("--ForwardProxy:Filter:BlockedUrlPatterns:0=(unclosed", "ForwardProxy:Filter:BlockedUrlPatterns:0")]
    [InlineData("--ForwardProxy:Anonymity=Invisible", "ForwardProxy:Anonymity")]
    [InlineData("--urls=notaurl", "urls")]
    [InlineData("--urls=http://127.0.0.1:99999", "urls")]
    public async Task BadSetting_ProcessStart_OneLineNamingTheKeyAndExitCode2(string setting, string key)
    {
        var ct = TestContext.Current.CancellationToken;
        var dotnet = RealClient.Find("dotnet") ?? "dotnet";
        var sample = typeof(ForwardProxyApp).Assembly.Location;

        var run = await RealClient.RunAsync(dotnet, [sample, "--contentRoot", SampleFolders.Of("01-forward-proxy"), "--urls=http://127.0.0.1:0", "--DemoBackends:Enabled=false", setting], TimeSpan.FromSeconds(60), cancellationToken: ct);

        run.ExitCode.Should().Be(2);
        run.StdErr.Trim().Should().StartWith($"Configuration error: {key}:").And.NotContain("   at ");
    }
}
