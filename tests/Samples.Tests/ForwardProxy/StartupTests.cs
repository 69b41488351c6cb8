using Samples.ForwardProxy;

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
        var run = await SampleProcess.RunAsync(typeof(ForwardProxyApp), "01-forward-proxy", ["--urls=http://127.0.0.1:0", setting], Ct);

        run.RefusedLine().Should().StartWith($"Configuration error: {key}:");
    }
}
