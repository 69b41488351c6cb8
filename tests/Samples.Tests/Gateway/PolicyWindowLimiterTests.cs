using System.Threading.RateLimiting;
using Samples.OcelotGateway.Policies;

namespace Samples.Tests.Gateway;

/// <summary>The fixed window with Ocelot's Wait, on a fake clock.</summary>
[Trait("Concept", "Gateway")]
public sealed class PolicyWindowLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Limiter_LimitReachedWithinPeriod_RefusesTheNextRequest()
    {
        // Arrange
        var time = new FakeTimeProvider(Start);
        using var limiter = new OcelotWindowLimiter(new RateLimitRule { Limit = 2, Period = TimeSpan.FromSeconds(10) }, time);

        // Act
        using var first = limiter.AttemptAcquire();
        using var second = limiter.AttemptAcquire();
        using var third = limiter.AttemptAcquire();

        // Assert
        first.IsAcquired.Should().BeTrue();
        second.IsAcquired.Should().BeTrue();
        third.IsAcquired.Should().BeFalse();
        second.TryGetMetadata(OcelotWindowLimiter.RemainingMetadata, out var remaining).Should().BeTrue();
        remaining.Should().Be(0);
    }

    [Fact]
    public void Limiter_PeriodOverWithoutWait_StartsAFreshWindow()
    {
        // Arrange
        var time = new FakeTimeProvider(Start);
        using var limiter = new OcelotWindowLimiter(new RateLimitRule { Limit = 1, Period = TimeSpan.FromSeconds(10) }, time);
        limiter.AttemptAcquire().Dispose();
        using var refused = limiter.AttemptAcquire();

        // Act
        time.Advance(TimeSpan.FromSeconds(10));
        using var afterWindow = limiter.AttemptAcquire();

        // Assert
        refused.IsAcquired.Should().BeFalse();
        refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).Should().BeTrue();
        retryAfter.Should().Be(TimeSpan.FromSeconds(10));
        afterWindow.IsAcquired.Should().BeTrue();
    }

    [Fact]
    public void Limiter_WaitLongerThanPeriod_RefusesUntilWaitHasPassed()
    {
        // Arrange: 1 per second, but going over costs 30 seconds.
        var time = new FakeTimeProvider(Start);
        using var limiter = new OcelotWindowLimiter(new RateLimitRule { Limit = 1, Period = TimeSpan.FromSeconds(1), Wait = TimeSpan.FromSeconds(30) }, time);
        limiter.AttemptAcquire().Dispose();
        using var refused = limiter.AttemptAcquire();

        // Act
        time.Advance(TimeSpan.FromSeconds(29));
        using var stillWaiting = limiter.AttemptAcquire();
        time.Advance(TimeSpan.FromSeconds(1));
        using var afterWait = limiter.AttemptAcquire();

        // Assert
        refused.IsAcquired.Should().BeFalse();
        refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).Should().BeTrue();
        retryAfter.Should().Be(TimeSpan.FromSeconds(30));
        stillWaiting.IsAcquired.Should().BeFalse("the window is over but the Wait is not");
        afterWait.IsAcquired.Should().BeTrue();
    }

    [Fact]
    public void Limiter_WindowOver_IsIdleAndCanBeSwept()
    {
        // Arrange
        var time = new FakeTimeProvider(Start);
        using var limiter = new OcelotWindowLimiter(new RateLimitRule { Limit = 5, Period = TimeSpan.FromMinutes(1) }, time);
        limiter.AttemptAcquire().Dispose();

        // Act
        var idleDuringWindow = limiter.IsIdle(time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(1));

        // Assert
        idleDuringWindow.Should().BeFalse();
        limiter.IsIdle(time.GetUtcNow()).Should().BeTrue();
    }

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("250ms", 250)]
    public void Period_OcelotText_ParsesToDuration(string text, long milliseconds)
    {
        OcelotPeriod.Parse(text).Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5x")]
    [InlineData("-1s")]
    [InlineData("s")]
    public void Period_NotOcelotText_IsRejected(string text)
    {
        OcelotPeriod.TryParse(text, out _).Should().BeFalse();
    }
}
