using Microsoft.Extensions.Configuration;
using Samples.ForwardProxy;
using Samples.Scaffolding;

namespace Samples.Tests.ForwardProxy;

/// <summary>The ForwardProxy section: contract defaults, lists that replace defaults, and bad values stopping start-up with the key named.</summary>
[Trait("Concept", "Filtering")]
public sealed class ForwardProxyOptionsTests
{
    [Fact]
    public void Load_EmptySection_ContractDefaults()
    {
        var options = ForwardProxyOptions.Load(Section([]));

        options.Anonymity.Should().Be(AnonymityLevel.Anonymous);
        options.AllowedConnectPorts.Should().Equal(443);
        options.UpstreamTimeout.Should().Be(TimeSpan.FromSeconds(30));
        options.BlockedHosts.Patterns.Should().BeEmpty();
        options.BlockedUrlPatterns.Patterns.Should().BeEmpty();
        options.RemoveRequestHeaders.Should().BeEmpty();
        options.Users.Should().BeEmpty();
        options.InspectionEnabled.Should().BeFalse("HTTPS inspection is off by default");
        options.InspectedHosts.Patterns.Should().BeEmpty();
        options.TrustedOriginCa.Should().BeNull();
    }

    [Fact]
    public void Load_PortList_ReplacesTheDefault()
    {
        var options = ForwardProxyOptions.Load(Section(new() { ["ForwardProxy:AllowedConnectPorts:0"] = "8443", ["ForwardProxy:AllowedConnectPorts:1"] = "9443" }));

        options.AllowedConnectPorts.Should().Equal(8443, 9443);
    }

    [Fact]
    public void Load_CommaSeparatedValue_ReadAsAList()
    {
        var options = ForwardProxyOptions.Load(Section(new() { ["ForwardProxy:Filter:BlockedHosts"] = "ads.localhost, *.Tracker.localhost." }));

        options.BlockedHosts.Patterns.Should().Equal("ads.localhost", "*.tracker.localhost");
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
    public void Load_BadValue_StartupExceptionNamesTheKey(string key, string value, string named)
    {
        var act = () => ForwardProxyOptions.Load(Section(new() { [key] = value }));

        act.Should().Throw<StartupException>().Which.Message.Should().StartWith($"Configuration error: {named}:");
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(ForwardProxyOptions.SectionName);
}
