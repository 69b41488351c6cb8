using FluentAssertions;
using Samples.OcelotGateway.Scaling;

namespace Samples.Tests.Gateway;

/// <summary>
/// Redis away and back: the gateway keeps answering on its own memory while
/// Redis is gone (at start-up or mid-run) and shares its state again once
/// Redis returns.
/// </summary>
[Trait("Concept", "Gateway")]
[Trait("Needs", "Redis")]
public sealed class RedisOutageTests
{
    // Bounds for the connection to notice a change; it retries every second.
    private static readonly TimeSpan NoticeWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Gateway_RedisStoppedMidRunThenRestarted_AnswersFromMemoryThenSharesAgain()
    {
        // Arrange
        await using var pair = await RedisGatewayPair.StartAsync(Ct);
        (await RedisGatewayPair.StateStoreAsync(pair.ClientA, Ct)).Should().Be(RedisConnection.RedisMode);

        // Act 1: Redis goes away.
        pair.Redis.Stop();
        var noticed = await RedisGatewayPair.WaitForStateStoreAsync(pair.ClientA, RedisConnection.UnreachableMode, NoticeWithin, Ct);
        using var cachedRoute = await pair.ClientA.GetAsync(new Uri("/alpha/during-outage", UriKind.Relative), Ct);
        var alone = await pair.BurstAsync("/limited/outage", "outage-client", RedisGatewayPair.Limit * 2, Ct);

        // Assert 1: still answering; each instance now counts alone, so both halves of the burst pass.
        noticed.Should().BeTrue();
        cachedRoute.StatusCode.Should().Be(HttpStatusCode.OK);
        alone.Should().OnlyContain(s => s == HttpStatusCode.OK);

        // Act 2: Redis comes back (empty: it keeps nothing on disk).
        await pair.Redis.StartAgainAsync(Ct);
        var backA = await RedisGatewayPair.WaitForStateStoreAsync(pair.ClientA, RedisConnection.RedisMode, NoticeWithin, Ct);
        var backB = await RedisGatewayPair.WaitForStateStoreAsync(pair.ClientB, RedisConnection.RedisMode, NoticeWithin, Ct);
        var shared = await pair.BurstAsync("/limited/after", "after-client", RedisGatewayPair.Limit * 2, Ct);

        // Assert 2: one shared limit again.
        backA.Should().BeTrue();
        backB.Should().BeTrue();
        shared.Count(s => s == HttpStatusCode.OK).Should().Be(RedisGatewayPair.Limit);
    }

    [Fact]
    public async Task Gateway_RedisDownAtStartUp_StartsInMemoryAndConnectsWhenRedisArrives()
    {
        // Arrange
        await using var pair = await RedisGatewayPair.StartAsync(Ct, redisDownAtStart: true);

        // Act 1
        var mode = await RedisGatewayPair.StateStoreAsync(pair.ClientA, Ct);
        using var answered = await pair.ClientA.GetAsync(new Uri("/alpha/early", UriKind.Relative), Ct);

        // Assert 1
        mode.Should().Be(RedisConnection.UnreachableMode);
        answered.StatusCode.Should().Be(HttpStatusCode.OK);

        // Act 2
        await pair.Redis.StartAgainAsync(Ct);
        var connected = await RedisGatewayPair.WaitForStateStoreAsync(pair.ClientA, RedisConnection.RedisMode, NoticeWithin, Ct);
        await RedisGatewayPair.WaitForStateStoreAsync(pair.ClientB, RedisConnection.RedisMode, NoticeWithin, Ct);
        using var stored = await pair.ClientA.GetAsync(new Uri("/alpha/late", UriKind.Relative), Ct);
        using var served = await pair.ClientB.GetAsync(new Uri("/alpha/late", UriKind.Relative), Ct);

        // Assert 2
        connected.Should().BeTrue();
        served.Headers.GetValues("Cache-Status").Single().Should().Contain("hit");
        pair.Backend.ReceivedCountFor("/alpha/late").Should().Be(1);
    }
}
