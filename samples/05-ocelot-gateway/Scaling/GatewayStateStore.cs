namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// Where this instance keeps its rate-limit counters and cached answers, as
/// /healthz reports it: "redis" (shared by every instance), "in-memory" (no
/// Gateway:Redis: each instance alone), or "in-memory (redis unreachable)".
/// </summary>
public sealed class GatewayStateStore(RedisConnection? redis)
{
    public const string MemoryMode = "in-memory";

    /// <summary>True when Gateway:Redis is set, whether or not Redis answers right now.</summary>
    public bool IsShared => redis is not null;

    public string Mode => redis?.Mode ?? MemoryMode;
}
