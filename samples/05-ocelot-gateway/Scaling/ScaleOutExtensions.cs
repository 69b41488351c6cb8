using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Samples.OcelotGateway.Policies;
using Samples.Scaffolding;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// Moves the gateway's state out of its process when Gateway:Redis is set:
/// rate-limit counters and cached answers then live in Redis, shared by
/// every instance. Without it nothing changes: each instance keeps both in
/// its own memory. Call it after the policies are registered.
/// </summary>
public static class ScaleOutExtensions
{
    /// <summary>A StackExchange.Redis connection string ("127.0.0.1:6379"); empty keeps the state in memory.</summary>
    public const string RedisKey = "Gateway:Redis";

    /// <summary>What every cache key in Redis starts with, so the gateway's entries stand apart from anything else there.</summary>
    public const string CacheInstanceName = "ocelot-gateway:";

    public static IServiceCollection AddGatewayScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostedService<FirstInstanceWatch>();
        if (configuration[RedisKey] is not { Length: > 0 } connectionString)
        {
            services.AddSingleton(new GatewayStateStore(null));
            services.AddHostedService<LocalStateReport>();
            return services;
        }

        StackExchange.Redis.ConfigurationOptions options;
        try
        {
            options = RedisConnection.ParseOptions(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw StartupException.ForKey(RedisKey, $"not a StackExchange.Redis connection string: {ex.Message}");
        }

        // 1. One connection for the process; it connects (or starts retrying) before the first request.
        services.AddSingleton(sp => new RedisConnection(options, sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        services.AddSingleton(sp => new GatewayStateStore(sp.GetRequiredService<RedisConnection>()));

        // 2. Rate limits: the same rules and clients, counted in Redis (in memory while Redis is away).
        services.TryAddSingleton<IRateLimitCounterStore, RedisRateLimitCounterStore>();
        services.TryAddSingleton<SharedRateLimiter>();
        services.AddOptions<RateLimiterOptions>().PostConfigure<SharedRateLimiter>((limits, shared) => limits.GlobalLimiter = shared);

        // 3. Cached answers: ASP.NET Core's Redis store, filed under the Region tags, behind a fallback to memory.
        services.AddStackExchangeRedisOutputCache(cache => cache.InstanceName = CacheInstanceName);
        services.AddOptions<RedisOutputCacheOptions>().Configure<RedisConnection>((cache, connection) =>
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Multiplexer!));
        var redisStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore)).ImplementationType!;
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton<IOutputCacheStore>(sp => new FallbackOutputCacheStore(
            (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, redisStore),
            new TimeProviderOutputCacheStore(sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<ILogger<FallbackOutputCacheStore>>()));
        services.AddOptions<OutputCacheOptions>().PostConfigure(cache => cache.AddBasePolicy(new SharedCacheKeyPolicy()));
        return services;
    }

    /// <summary>Says once, at start-up, that this instance keeps its state alone.</summary>
    private sealed class LocalStateReport(ILogger<GatewayStateStore> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            ScalingLog.Local(logger, GatewayStateStore.MemoryMode);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
