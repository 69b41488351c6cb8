using FluentAssertions;

namespace Samples.Tests.Gateway;

/// <summary>Two gateway instances on one Redis: an answer cached by one is served by the other, and regions clear everywhere.</summary>
[Trait("Concept", "Gateway")]
[Trait("Needs", "Redis")]
public sealed class RedisSharedCacheTests : RedisGatewayPairTests
{
    [Fact]
    public async Task Cache_StoredByOneInstance_IsAHitOnTheOther()
    {
        // Arrange
        using var stored = await Pair.ClientA.GetAsync(new Uri("/alpha/report", UriKind.Relative), Ct);

        // Act
        using var served = await Pair.ClientB.GetAsync(new Uri("/alpha/report", UriKind.Relative), Ct);

        // Assert
        stored.Headers.GetValues("Cache-Status").Single().Should().Contain("stored");
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        served.Headers.GetValues("Cache-Status").Single().Should().Contain("hit");
        (await served.Content.ReadAsStringAsync(Ct)).Should().Be("from the downstream");
        Pair.Backend.ReceivedCountFor("/alpha/report").Should().Be(1);
    }

    [Fact]
    public async Task Cache_RegionClearedOnOneInstance_IsGoneOnTheOtherAndOtherRegionsStay()
    {
        // Arrange: one answer in each region, stored through A.
        (await Pair.ClientA.GetAsync(new Uri("/alpha/page", UriKind.Relative), Ct)).Dispose();
        (await Pair.ClientA.GetAsync(new Uri("/beta/page", UriKind.Relative), Ct)).Dispose();

        // Act: an administrator clears "alpha" through B.
        using var clear = RedisGatewayPair.ClearRegion("alpha");
        using var cleared = await Pair.ClientB.SendAsync(clear, Ct);
        using var alpha = await Pair.ClientA.GetAsync(new Uri("/alpha/page", UriKind.Relative), Ct);
        using var beta = await Pair.ClientA.GetAsync(new Uri("/beta/page", UriKind.Relative), Ct);

        // Assert
        cleared.StatusCode.Should().Be(HttpStatusCode.NoContent);
        alpha.Headers.GetValues("Cache-Status").Single().Should().NotContain("hit");
        beta.Headers.GetValues("Cache-Status").Single().Should().Contain("hit");
        Pair.Backend.ReceivedCountFor("/alpha/page").Should().Be(2);
        Pair.Backend.ReceivedCountFor("/beta/page").Should().Be(1);
    }
}
