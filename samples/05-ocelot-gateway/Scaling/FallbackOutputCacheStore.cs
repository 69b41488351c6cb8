using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// The output cache's store when Gateway:Redis is set: ASP.NET Core's Redis
/// store (Microsoft.AspNetCore.OutputCaching.StackExchangeRedis) while Redis
/// answers, this instance's memory while it does not. A cache that cannot
/// reach Redis misses rather than fails: the request goes to the downstream.
/// </summary>
/// <remarks>
/// Clearing a region clears it in both places, so an answer stored in memory
/// during an outage cannot outlive an administrator's DELETE on this instance.
/// </remarks>
public sealed class FallbackOutputCacheStore(
    IOutputCacheStore shared,
    IOutputCacheStore memory,
    RedisConnection redis,
    ILogger<FallbackOutputCacheStore> logger) : IOutputCacheStore, IDisposable
{
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await memory.EvictByTagAsync(tag, cancellationToken);
        if (redis.IsAvailable)
        {
            try
            {
                await shared.EvictByTagAsync(tag, cancellationToken);
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                ScalingLog.FellBack(logger, "cache eviction", ex.Message);
            }
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (redis.IsAvailable)
        {
            try
            {
                return await shared.GetAsync(key, cancellationToken);
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                ScalingLog.FellBack(logger, "cache read", ex.Message);
            }
        }

        return await memory.GetAsync(key, cancellationToken);
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (redis.IsAvailable)
        {
            try
            {
                await shared.SetAsync(key, value, tags, validFor, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                ScalingLog.FellBack(logger, "cache write", ex.Message);
            }
        }

        await memory.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    // The Redis store keeps a background sweep of its region index; it ends with the store.
    public void Dispose() => (shared as IDisposable)?.Dispose();
}
