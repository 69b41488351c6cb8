using FluentAssertions;
using Samples.OcelotGateway;
using Samples.OcelotGateway.Scaling;

namespace Samples.Tests.Gateway;

/// <summary>
/// The scale-out settings without a Redis server: the default in-memory
/// mode, and a Gateway:Redis value that is not a connection string stopping
/// start-up. (No "Needs" trait: nothing here needs redis-server.)
/// </summary>
[Trait("Concept", "Gateway")]
public sealed class RedisSettingsTests
{
    [Fact]
    public async Task HealthCheck_NoRedisConfigured_ReportsInMemory()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/*");
        await using var gateway = GatewayUnderTest.StartRoutes(GatewayUnderTest.Route("/a", "/a", backend));
        using var client = gateway.CreateClient();

        // Act
        var mode = await RedisGatewayPair.StateStoreAsync(client, Ct);

        // Assert
        mode.Should().Be(GatewayStateStore.MemoryMode);
    }

    [Fact]
    public async Task RedisSetting_UnknownOption_ExitsNonZeroNamingTheKey()
    {
        // Act
        var run = await SampleProcess.RunAsync(typeof(GatewayApp), "05-ocelot-gateway", ["--Gateway:Redis=127.0.0.1:6379,noSuchOption=1", "--urls=http://127.0.0.1:0"], Ct);

        // Assert
        run.RefusedLine().Should().StartWith("Configuration error: Gateway:Redis: not a StackExchange.Redis connection string");
    }
}
