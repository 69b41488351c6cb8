using System.Threading.RateLimiting;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Samples.OcelotGateway.Policies;
using Samples.OcelotGateway.Scaling;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Samples.Tests.Gateway;

/// <summary>
/// The shared limiter's choices without a Redis server: which requests it
/// sends to the shared store, and the fall back to the in-memory limiter when
/// the store is away or a call to it fails. (No "Needs" trait: the store is
/// a test double here; the Redis-backed store is proven in RedisCounterStoreTests.)
/// </summary>
[Trait("Concept", "Gateway")]
public sealed class RedisFallbackLimiterTests
{
    private static readonly RateLimitRule Rule = new() { Limit = 2, Period = TimeSpan.FromMinutes(1), ClientWhitelist = ["ops"] };

    private readonly GatewayPolicyStore _policies = new();
    private readonly RedisTestCounterStore _store = new();
    private readonly SharedRateLimiter _limiter;

    public RedisFallbackLimiterTests()
    {
        _policies.Update([new RoutePolicies("limited") { RateLimit = Rule }]);
        var local = new GatewayRateLimiter(_policies, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        _limiter = new SharedRateLimiter(local, _policies, _store, NullLogger<SharedRateLimiter>.Instance);
    }

    [Fact]
    public async Task SharedLimiter_StoreAvailable_DefersTheSyncAttemptAndCountsInTheStore()
    {
        // Arrange
        var context = Request("client-1");

        // Act
        using var attempt = _limiter.AttemptAcquire(context);
        using var lease = await _limiter.AcquireAsync(context, cancellationToken: Ct);

        // Assert
        attempt.IsAcquired.Should().BeFalse("the synchronous attempt cannot ask Redis without blocking");
        attempt.MetadataNames.Should().BeEmpty();
        lease.IsAcquired.Should().BeTrue();
        _store.Keys.Should().Equal("ocelot:limited:client-1");
    }

    [Fact]
    public async Task SharedLimiter_StoreCallFails_CountsInThisInstancesMemory()
    {
        // Arrange
        _store.Failing = true;

        // Act: three requests against a limit of two.
        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 3; i++)
        {
            leases.Add(await _limiter.AcquireAsync(Request("client-2"), cancellationToken: Ct));
        }

        // Assert
        leases.Select(l => l.IsAcquired).Should().Equal(true, true, false);
        leases[2].TryGetMetadata(MetadataName.RetryAfter, out _).Should().BeTrue();
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task SharedLimiter_StoreAway_NeverCallsItAndCountsInMemory()
    {
        // Arrange
        _store.Available = false;

        // Act
        using var attempt = _limiter.AttemptAcquire(Request("client-3"));
        using var next = await _limiter.AcquireAsync(Request("client-3"), cancellationToken: Ct);
        using var over = _limiter.AttemptAcquire(Request("client-3"));

        // Assert
        attempt.IsAcquired.Should().BeTrue();
        next.IsAcquired.Should().BeTrue();
        over.IsAcquired.Should().BeFalse();
        _store.Keys.Should().BeEmpty();
    }

    [Fact]
    public async Task SharedLimiter_WhitelistedClient_NeverAsksTheStore()
    {
        // Act
        using var lease = await _limiter.AcquireAsync(Request("ops"), cancellationToken: Ct);

        // Assert
        lease.IsAcquired.Should().BeTrue();
        _store.Keys.Should().BeEmpty();
    }

    // A request matched to the "limited" route, as YARP leaves it on the endpoint.
    private static DefaultHttpContext Request(string client)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers[RateLimitRule.DefaultClientIdHeader] = client;
        var route = new RouteModel(new RouteConfig { RouteId = "limited", ClusterId = "c" }, null, HttpTransformer.Default);
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(route), "limited"));
        return context;
    }
}
