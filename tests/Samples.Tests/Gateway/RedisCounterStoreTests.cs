using System.Threading.RateLimiting;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Samples.OcelotGateway.Policies;
using Samples.OcelotGateway.Scaling;

namespace Samples.Tests.Gateway;

/// <summary>
/// The fixed window on Redis by itself, against a real redis-server: Limit,
/// Wait and the window's end as the in-memory limiter has them, and one
/// atomic count however many connections race for the last permit.
/// </summary>
[Trait("Concept", "Gateway")]
[Trait("Needs", "Redis")]
public sealed class RedisCounterStoreTests : IAsyncLifetime
{
    private RedisServer? _redis;
    private readonly List<RedisConnection> _connections = [];

    public async ValueTask InitializeAsync() => _redis = await RedisServer.StartAsync(Ct);

    public ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _redis?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Counter_OverTheLimit_RefusedForWaitThenAFreshWindow()
    {
        // Arrange: the window is a minute, the refusal half a second.
        var store = await StoreAsync();
        var rule = new RateLimitRule { Limit = 2, Period = TimeSpan.FromMinutes(1), Wait = TimeSpan.FromMilliseconds(500) };

        // Act
        using var first = await store.AcquireAsync("t:wait:c", rule, 1, Ct);
        using var second = await store.AcquireAsync("t:wait:c", rule, 1, Ct);
        using var over = await store.AcquireAsync("t:wait:c", rule, 1, Ct);
        var afterWait = await FirstGrantedAsync(store, "t:wait:c", rule);

        // Assert
        first.IsAcquired.Should().BeTrue();
        Remaining(first).Should().Be(1);
        second.IsAcquired.Should().BeTrue();
        Remaining(second).Should().Be(0);
        over.IsAcquired.Should().BeFalse();
        RetryAfter(over).Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(rule.Wait);
        afterWait.Should().NotBeNull("the refusal ends after Wait, long before the minute's window");
        Remaining(afterWait!).Should().Be(rule.Limit - 1, "a new window starts once the Wait is served");
    }

    [Fact]
    public async Task Counter_WaitZero_RefusedUntilTheWindowEnds()
    {
        // Arrange
        var store = await StoreAsync();
        var rule = new RateLimitRule { Limit = 1, Period = TimeSpan.FromMinutes(1), Wait = TimeSpan.Zero };

        // Act
        using var granted = await store.AcquireAsync("t:zero:c", rule, 1, Ct);
        using var refused = await store.AcquireAsync("t:zero:c", rule, 1, Ct);

        // Assert: the refusal lasts what is left of the minute, not zero.
        granted.IsAcquired.Should().BeTrue();
        refused.IsAcquired.Should().BeFalse();
        RetryAfter(refused).Should().BeGreaterThan(TimeSpan.FromSeconds(50)).And.BeLessThanOrEqualTo(rule.Period);
    }

    [Fact]
    public async Task Counter_TwoConnectionsRacing_NeverGrantMoreThanTheLimit()
    {
        // Arrange: two connections stand for two gateway instances.
        var a = await StoreAsync();
        var b = await StoreAsync();
        var rule = new RateLimitRule { Limit = 10, Period = TimeSpan.FromMinutes(1), Wait = TimeSpan.FromMinutes(1) };

        // Act
        var leases = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? a : b).AcquireAsync("t:race:c", rule, 1, Ct).AsTask()));

        // Assert
        leases.Count(l => l.IsAcquired).Should().Be(10);
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }

    [Fact]
    public async Task Counter_DifferentKeys_CountApart()
    {
        // Arrange
        var store = await StoreAsync();
        var rule = new RateLimitRule { Limit = 1, Period = TimeSpan.FromMinutes(1) };
        (await store.AcquireAsync("t:apart:one", rule, 1, Ct)).Dispose();

        // Act
        using var other = await store.AcquireAsync("t:apart:two", rule, 1, Ct);

        // Assert
        other.IsAcquired.Should().BeTrue();
    }

    private async Task<RedisRateLimitCounterStore> StoreAsync()
    {
        var connection = new RedisConnection(RedisConnection.ParseOptions(_redis!.ConnectionString), NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        await connection.StartAsync(Ct);
        connection.IsAvailable.Should().BeTrue();
        return new RedisRateLimitCounterStore(connection);
    }

    // Bounded polling: asks every 50 ms for at most 10 s.
    private static async Task<RateLimitLease?> FirstGrantedAsync(RedisRateLimitCounterStore store, string key, RateLimitRule rule)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var lease = await store.AcquireAsync(key, rule, 1, Ct);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            await Task.Delay(50, Ct);
        }

        return null;
    }

    private static long Remaining(RateLimitLease lease) =>
        lease.TryGetMetadata(OcelotWindowLimiter.RemainingMetadata, out var remaining) ? remaining : -1;

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.Zero;
}
