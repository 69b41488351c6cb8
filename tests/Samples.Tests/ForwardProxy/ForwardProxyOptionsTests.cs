using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>The ForwardProxy section: contract defaults, lists that replace defaults, and bad values stopping start-up with the key named.</summary>
[Trait("Concept", "Filtering")]
public sealed class ForwardProxyOptionsTests
{
    [Fact]
    public void Bind_EmptySection_ContractDefaults()
    {
        var options = ForwardProxySettings.Bind([]);

        options.Anonymity.Should().Be(AnonymityLevel.Anonymous);
        options.ConnectPorts().Should().Equal(443);
        options.UpstreamTimeout.Should().Be(TimeSpan.FromSeconds(30));
        options.Filter.BlockedHosts.Should().BeEmpty();
        options.Filter.BlockedUrlPatterns.Should().BeEmpty();
        options.RemoveRequestHeaders.Should().BeEmpty();
        options.Authentication.UserPasswords().Should().BeEmpty();
        options.HttpsInspection.Enabled.Should().BeFalse("HTTPS inspection is off by default");
        options.HttpsInspection.Hosts.Should().BeEmpty();
        options.HttpsInspection.LoadTrustedOriginCa(contentRoot: null).Should().BeNull();
    }

    [Fact]
    public void Bind_PortList_ReplacesTheDefault()
    {
        var options = ForwardProxySettings.Bind(new Dictionary<string, string?> { ["ForwardProxy:AllowedConnectPorts:0"] = "8443", ["ForwardProxy:AllowedConnectPorts:1"] = "9443" });

        options.ConnectPorts().Should().Equal(8443, 9443);
    }

    [Fact]
    public void Bind_CommaSeparatedValue_ReadAsAList()
    {
        var options = ForwardProxySettings.Bind(new Dictionary<string, string?> { ["ForwardProxy:Filter:BlockedHosts"] = "ads.localhost, *.Tracker.localhost." });

        HostFilter.From(options.Filter.BlockedHosts).Patterns.Should().Equal("ads.localhost", "*.tracker.localhost");
    }

    [Theory]
    [InlineData("ForwardProxy:Anonymity", "Invisible", "ForwardProxy:Anonymity")]
    [InlineData("ForwardProxy:Anonymity", "1", "ForwardProxy:Anonymity")]
    [InlineData("ForwardProxy:Filter:BlockedUrlPatterns:0", "(unclosed", "ForwardProxy:Filter:BlockedUrlPatterns:0")]
    [InlineData("ForwardProxy:Filter:BlockedHosts:0", "ads..localhost", "ForwardProxy:Filter:BlockedHosts:0")]
    [InlineData("ForwardProxy:Filter:BlockedHosts:0", "http://ads.localhost/", "ForwardProxy:Filter:BlockedHosts:0")]
    [InlineData("ForwardProxy:AllowedConnectPorts:0", "70000", "ForwardProxy:AllowedConnectPorts:0")]
    [InlineData("ForwardProxy:AllowedConnectPorts:0", "https", "ForwardProxy:AllowedConnectPorts:0")]
    [InlineData("ForwardProxy:UpstreamTimeout", "soon", "ForwardProxy:UpstreamTimeout")]
    [InlineData("ForwardProxy:UpstreamTimeout", "-00:00:05", "ForwardProxy:UpstreamTimeout")]
    [InlineData("ForwardProxy:Authentication:Users:0", "nopassword", "ForwardProxy:Authentication:Users:0")]
    [InlineData("ForwardProxy:RemoveRequestHeaders:0", "Bad Header", "ForwardProxy:RemoveRequestHeaders:0")]
    [InlineData("ForwardProxy:HttpsInspection:Enabled", "sometimes", "ForwardProxy:HttpsInspection:Enabled")]
    [InlineData("ForwardProxy:HttpsInspection:Hosts:0", "*.", "ForwardProxy:HttpsInspection:Hosts:0")]
    [InlineData("ForwardProxy:HttpsInspection:TrustedOriginCaPath", "/nonexistent/ca.pem", "ForwardProxy:HttpsInspection:TrustedOriginCaPath")]
    public void Bind_BadValue_StartupLineNamesTheKey(string key, string value, string named)
    {
        var line = ForwardProxySettings.StartupError([KeyValuePair.Create(key, (string?)value)]);

        line.Should().StartWith($"Configuration error: {named}:");
    }

    [Fact]
    public void Bind_SeveralMistakes_OneLineNamesEveryKey()
    {
        var line = ForwardProxySettings.StartupError(new Dictionary<string, string?>
        {
            ["ForwardProxy:AllowedConnectPorts:0"] = "70000",
            ["ForwardProxy:Cache:MaxBytes"] = "0",
        });

        line.Should().StartWith("Configuration error: ")
            .And.Contain("ForwardProxy:AllowedConnectPorts:0: ")
            .And.Contain("ForwardProxy:Cache:MaxBytes: ");
    }
}
