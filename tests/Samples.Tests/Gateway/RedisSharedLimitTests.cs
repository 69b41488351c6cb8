using FluentAssertions;
using Samples.OcelotGateway.Scaling;
using StackExchange.Redis;

namespace Samples.Tests.Gateway;

/// <summary>Two gateway instances on one Redis: one fixed window per route and client, whichever instance counts.</summary>
[Trait("Concept", "Gateway")]
[Trait("Needs", "Redis")]
public sealed class RedisSharedLimitTests : RedisGatewayPairTests
{
    [Fact]
    public async Task HealthCheck_RedisConfigured_ReportsRedisOnBothInstances()
    {
        // Act
        var a = await RedisGatewayPair.StateStoreAsync(Pair.ClientA, Ct);
        var b = await RedisGatewayPair.StateStoreAsync(Pair.ClientB, Ct);

        // Assert
        a.Should().Be(RedisConnection.RedisMode);
        b.Should().Be(RedisConnection.RedisMode);
    }

    [Fact]
    public async Task RateLimit_BurstSpreadOverTwoInstances_StopsAtOneSharedLimit()
    {
        // Arrange: twice the limit, alternating instances, so each sees only the limit's worth.
        var burst = RedisGatewayPair.Limit * 2;

        // Act
        var statuses = await Pair.BurstAsync("/limited/items", "shared-client", burst, Ct);

        // Assert
        statuses.Take(RedisGatewayPair.Limit).Should().OnlyContain(s => s == HttpStatusCode.OK);
        statuses.Skip(RedisGatewayPair.Limit).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
        Pair.Backend.ReceivedCountFor("/limited/items").Should().Be(RedisGatewayPair.Limit);
    }

    [Fact]
    public async Task RateLimit_RefusedByTheOtherInstance_CarriesRetryAfterAndQuotaMessage()
    {
        // Arrange: the limit is used up on A and B together.
        await Pair.BurstAsync("/limited/x", "retry-client", RedisGatewayPair.Limit, Ct);

        // Act: the next request goes to B.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/limited/x", UriKind.Relative));
        request.Headers.Add("Oc-Client", "retry-client");
        using var refused = await Pair.ClientB.SendAsync(request, Ct);

        // Assert
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull();
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        refused.Headers.GetValues("X-RateLimit-Remaining").Should().Equal("0");
        (await refused.Content.ReadAsStringAsync(Ct)).Should().Contain($"maximum admitted {RedisGatewayPair.Limit}");
    }

    [Fact]
    public async Task RateLimit_TwoClients_EachHasItsOwnSharedWindow()
    {
        // Arrange
        await Pair.BurstAsync("/limited/y", "first-client", RedisGatewayPair.Limit + 1, Ct);

        // Act
        var other = await Pair.BurstAsync("/limited/y", "second-client", RedisGatewayPair.Limit, Ct);

        // Assert
        other.Should().OnlyContain(s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task RateLimit_SharedCounter_LivesInRedisUnderTheRoutesKeyPrefixAndClient()
    {
        // Act
        await Pair.BurstAsync("/limited/z", "keyed-client", 1, Ct);

        // Assert: the window's counter is a Redis key named from KeyPrefix and the client, expiring with the Period.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Pair.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = server.Keys(pattern: "{pair:*keyed-client}:window").Select(k => k.ToString()).ToList();
        keys.Should().ContainSingle();
        var database = redis.GetDatabase();
        ((long)await database.StringGetAsync(keys[0])).Should().Be(1);
        (await database.KeyTimeToLiveAsync(keys[0])).Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
    }
}
