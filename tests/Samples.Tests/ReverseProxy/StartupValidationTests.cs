using Samples.ReverseProxy;

namespace Samples.Tests.ReverseProxy;

/// <summary>A mistake in the configuration stops the proxy at start-up with one line naming the key.</summary>
[Trait("Concept", "ReverseProxy")]
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("--OutputCachePolicies:featured:Duration=soon", "OutputCachePolicies:featured:Duration")]
    [InlineData("--ReverseProxy:Routes:catalog-featured:OutputCachePolicy=nope", "OutputCache policy 'nope' not found for route 'catalog-featured'")]
    [InlineData("--ReverseProxy:Routes:orders:Timeout=-00:00:01", "route 'orders'")]
    [InlineData("--urls=notaurl", "urls: 'notaurl'")]
    [InlineData("--urls=http://127.0.0.1:99999", "urls: 'http://127.0.0.1:99999'")]
    [InlineData("--ReverseProxy:Routes:catalog:ClusterId=catalgo", "ReverseProxy:Routes:catalog:ClusterId: 'catalgo'")]
    public async Task BadSetting_AtStartup_ExitsWithCode2AndOneLineNamingIt(string argument, string expected)
    {
        // Act
        var run = await SampleProcess.RunAsync(typeof(ReverseProxyApp), "02-reverse-proxy", ["--urls", "http://127.0.0.1:0", argument], Ct);

        // Assert
        run.RefusedLine().Should().StartWith("Configuration error:").And.Contain(expected);
    }
}
