namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// Where this instance keeps its rate-limit counters and cached answers, as
/// /healthz reports it: "redis" (shared by every instance), "in-memory" (no
/// Gateway:Redis: each instance alone), or "in-memory (redis unreachable)".
/// The connection is made on first use, once the settings have been checked.
/// </summary>
public sealed class GatewayStateStore(Func<RedisConnection?> connect)
{
    public const string MemoryMode = "in-memory";

    private readonly Lazy<RedisConnection?> _redis = new(connect);

    /// <summary>True when Gateway:Redis is set, whether or not Redis answers right now.</summary>
    public bool IsShared => _redis.Value is not null;

    /// <summary>The connection to Redis, when Gateway:Redis is set.</summary>
    public RedisConnection? Redis => _redis.Value;

    public string Mode => Redis?.Mode ?? MemoryMode;
}
