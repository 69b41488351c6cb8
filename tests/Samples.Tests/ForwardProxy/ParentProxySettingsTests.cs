using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>ForwardProxy:Upstream bound and checked at start-up: no parent by default, and a bad value names its key.</summary>
[Trait("Concept", "ParentProxy")]
public sealed class ParentProxySettingsTests
{
    [Fact]
    public void Bind_EmptySection_NoParentAndEveryHostDirect()
    {
        // Act
        var options = ForwardProxySettings.Bind([]);

        // Assert
        options.Upstream.ParentAddress().Should().BeNull();
        options.Upstream.UserPassword().Should().BeNull();
        options.Upstream.Bypass.Should().BeEmpty("loopback origins go through the parent too, unless listed");
    }

    [Fact]
    public void Bind_FullSection_ParentCredentialsAndACommaSeparatedBypassList()
    {
        // Act
        var options = ForwardProxySettings.Bind(new Dictionary<string, string?>
        {
            ["ForwardProxy:Upstream:Address"] = "http://127.0.0.1:3128",
            ["ForwardProxy:Upstream:Credentials"] = "alice:pa:ss",
            ["ForwardProxy:Upstream:Bypass"] = "localhost, *.Corp.example",
        });

        // Assert
        options.Upstream.ParentAddress().Should().Be(new Uri("http://127.0.0.1:3128"));
        options.Upstream.UserPassword().Should().Be(("alice", "pa:ss"), "the password is everything after the first colon");
        HostFilter.From(options.Upstream.Bypass).Patterns.Should().Equal("localhost", "*.corp.example");
    }

    [Theory]
    [InlineData("ForwardProxy:Upstream:Address", "127.0.0.1:3128")]
    [InlineData("ForwardProxy:Upstream:Address", "https://127.0.0.1:3128")]
    [InlineData("ForwardProxy:Upstream:Address", "socks5://127.0.0.1:1080")]
    [InlineData("ForwardProxy:Upstream:Address", "http://alice:secret@127.0.0.1:3128")]
    [InlineData("ForwardProxy:Upstream:Address", "http://127.0.0.1:3128/proxy")]
    [InlineData("ForwardProxy:Upstream:Credentials", "alice")]
    [InlineData("ForwardProxy:Upstream:Credentials", ":secret")]
    [InlineData("ForwardProxy:Upstream:Bypass:0", "not a host")]
    public void Bind_BadValue_StartupLineNamesTheKey(string key, string value)
    {
        // Act
        var line = ForwardProxySettings.StartupError([KeyValuePair.Create(key, (string?)value)]);

        // Assert
        line.Should().StartWith($"Configuration error: {key}:");
    }

    [Fact]
    public async Task BadAddress_ProcessStart_OneLineNamingTheKeyAndExitCode2()
    {
        // Act
        var run = await SampleProcess.RunAsync(typeof(ForwardProxyApp), "01-forward-proxy", ["--urls=http://127.0.0.1:0", "--ForwardProxy:Upstream:Address=https://parent.example:3128"], Ct);

        // Assert
        run.RefusedLine().Should().StartWith("Configuration error: ForwardProxy:Upstream:Address:");
    }
}
