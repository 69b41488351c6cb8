using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Samples.ForwardProxy.Caching;
using Samples.Scaffolding;

namespace Samples.Tests.ForwardProxy;

/// <summary>ForwardProxy:Cache is checked at start-up: defaults when absent, one clear line naming the key when wrong.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheOptionsTests
{
    [Fact]
    public void Read_NothingConfigured_UsesDefaults()
    {
        var options = CacheOptions.Read(Section([]));

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
    public void AddForwardProxyCache_BadValue_ThrowsNamingTheKey(string key, string value)
    {
        var services = new ServiceCollection();

        var act = () => services.AddForwardProxyCache(Section(new() { [key] = value }));

        act.Should().Throw<StartupException>().WithMessage($"*ForwardProxy:Cache:{key}*");
    }

    [Fact]
    public void Read_MaxBodyBytesAboveMaxBytes_Throws()
    {
        var act = () => CacheOptions.Read(Section(new() { ["MaxBytes"] = "1000", ["MaxBodyBytes"] = "2000" }));

        act.Should().Throw<StartupException>().WithMessage("*ForwardProxy:Cache:MaxBodyBytes*");
    }

    private static IConfiguration Section(Dictionary<string, string?> cache) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(cache.Select(kv => KeyValuePair.Create("ForwardProxy:Cache:" + kv.Key, kv.Value)))
            .Build()
            .GetSection("ForwardProxy");
}
