using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Samples.OcelotGateway.Policies;
using Samples.OcelotGateway.Settings;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// Moves the gateway's state out of its process when Gateway:Redis is set:
/// rate-limit counters and cached answers then live in Redis, shared by
/// every instance. Without it nothing changes: each instance keeps both in
/// its own memory. Call it after the policies are registered. Whether Redis
/// is set is only known once the settings are checked, so every choice below
/// is made when the service is first asked for, not here.
/// </summary>
public static class ScaleOutExtensions
{
    /// <summary>What every cache key in Redis starts with, so the gateway's entries stand apart from anything else there.</summary>
    public const string CacheInstanceName = "ocelot-gateway:";

    public static IServiceCollection AddGatewayScaleOut(this IServiceCollection services)
    {
        // 1. One connection for the process, when Gateway:Redis is set (none otherwise: GetService gives null).
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Redis is { Length: > 0 } redis
            ? new RedisConnection(RedisConnection.ParseOptions(redis), sp.GetRequiredService<ILogger<RedisConnection>>())
            : null!);
        services.AddSingleton(sp => new GatewayStateStore(sp.GetService<RedisConnection>));
        services.AddHostedService<StateStoreStartup>();

        // 2. Rate limits: the same rules and clients, counted in Redis (in memory while Redis is away).
        services.TryAddSingleton<IRateLimitCounterStore, RedisRateLimitCounterStore>();
        services.TryAddSingleton<SharedRateLimiter>();
        services.AddOptions<RateLimiterOptions>().PostConfigure<GatewayStateStore, IServiceProvider>((limits, state, sp) =>
            limits.GlobalLimiter = new StateStoreRateLimiter(state, limits.GlobalLimiter!, sp.GetRequiredService<SharedRateLimiter>));

        // 3. Cached answers: ASP.NET Core's Redis store, filed under the Region tags, behind a fallback to memory.
        services.AddStackExchangeRedisOutputCache(cache => cache.InstanceName = CacheInstanceName);
        services.AddOptions<RedisOutputCacheOptions>().Configure<GatewayStateStore>((cache, state) =>
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(state.Redis!.Multiplexer!));
        var redisStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore)).ImplementationType!;
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton<IOutputCacheStore>(sp =>
        {
            var memory = new TimeProviderOutputCacheStore(sp.GetRequiredService<TimeProvider>());
            return sp.GetRequiredService<GatewayStateStore>().Redis is { } redis
                ? new FallbackOutputCacheStore(
                    (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, redisStore),
                    memory,
                    redis,
                    sp.GetRequiredService<ILogger<FallbackOutputCacheStore>>())
                : memory;
        });
        services.AddOptions<OutputCacheOptions>().PostConfigure<GatewayStateStore>((cache, state) => cache.AddBasePolicy(new SharedCacheKeyPolicy(state)));

        // 4. --Gateway:Instances=2: a second gateway process, and in it a watch on the first.
        services.AddHostedService<SecondInstanceStartup>();
        services.AddHostedService<FirstInstanceWatch>();
        return services;
    }

    /// <summary>Connects to Redis before the first request, or says once that this instance keeps its state alone.</summary>
    private sealed class StateStoreStartup(GatewayStateStore state, ILogger<GatewayStateStore> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (state.Redis is { } redis)
            {
                return redis.StartAsync(cancellationToken);
            }

            ScalingLog.Local(logger, GatewayStateStore.MemoryMode);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
