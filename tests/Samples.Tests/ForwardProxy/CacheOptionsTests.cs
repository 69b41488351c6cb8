using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>ForwardProxy:Cache is checked at start-up: defaults when absent, one clear line naming the key when wrong.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheOptionsTests
{
    [Fact]
    public void Bind_NothingConfigured_UsesDefaults()
    {
        var options = ForwardProxySettings.Bind([]).Cache;

        options.Enabled.Should().BeTrue();
        options.MaxEntries.Should().Be(10_000);
        options.MaxBytes.Should().Be(64L * 1024 * 1024);
        options.MaxBodyBytes.Should().Be(1024L * 1024);
    }

    [Theory]
    [InlineData("MaxBytes", "0")]
    [InlineData("MaxBytes", "-1")]
    [InlineData("MaxEntries", "lots")]
    [InlineData("MaxBodyBytes", "0")]
    [InlineData("Enabled", "maybe")]
    public void Bind_BadValue_StartupLineNamesTheKey(string key, string value)
    {
        var line = ForwardProxySettings.StartupError(Cache(new() { [key] = value }));

        line.Should().StartWith("Configuration error: ").And.Contain($"ForwardProxy:Cache:{key}");
    }

    [Fact]
    public void Bind_MaxBodyBytesAboveMaxBytes_StartupLineNamesMaxBodyBytes()
    {
        var line = ForwardProxySettings.StartupError(Cache(new() { ["MaxBytes"] = "1000", ["MaxBodyBytes"] = "2000" }));

        line.Should().StartWith("Configuration error: ").And.Contain("ForwardProxy:Cache:MaxBodyBytes");
    }

    private static IEnumerable<KeyValuePair<string, string?>> Cache(Dictionary<string, string?> cache) =>
        cache.Select(kv => KeyValuePair.Create("ForwardProxy:Cache:" + kv.Key, kv.Value));
}
