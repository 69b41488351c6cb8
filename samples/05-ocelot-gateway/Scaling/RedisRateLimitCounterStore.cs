using System.Threading.RateLimiting;
using Samples.OcelotGateway.Policies;
using StackExchange.Redis;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// Ocelot's fixed window on Redis: one small Lua script per request does
/// what the in-memory limiter does under its lock, so two instances counting
/// the same client at the same moment can never both take the last permit.
/// </summary>
/// <remarks>
/// Two keys per route and client, both named from the route's KeyPrefix and
/// the client: the window's counter, which expires with the Period, and the
/// refusal that starts when the client goes over, which expires with Wait
/// (or with the rest of the window when Wait is zero). Redis expires both, so
/// nothing needs sweeping. The braces make the two keys one Redis Cluster
/// hash slot, which a script touching both needs.
/// </remarks>
public sealed class RedisRateLimitCounterStore(RedisConnection redis) : IRateLimitCounterStore
{
    // KEYS[1] the window's counter, KEYS[2] the refusal; ARGV: permits, Limit, Period ms, Wait ms.
    // Answers {granted 1/0, remaining, milliseconds until the window resets or the refusal ends}.
    private const string FixedWindowScript = """
        local refused = redis.call('PTTL', KEYS[2])
        if refused > 0 then
          return {0, 0, refused}
        end
        local permits = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        local count = redis.call('INCRBY', KEYS[1], permits)
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          ttl = tonumber(ARGV[3])
        end
        if count <= limit then
          return {1, limit - count, ttl}
        end
        local wait = tonumber(ARGV[4])
        if wait <= 0 then
          wait = ttl
        end
        redis.call('DEL', KEYS[1])
        redis.call('SET', KEYS[2], '1', 'PX', wait)
        return {0, 0, wait}
        """;

    public bool IsAvailable => redis.IsAvailable;

    /// <summary>The two Redis keys behind one counter key.</summary>
    public static (RedisKey Window, RedisKey Refusal) KeysFor(string key) =>
        ($"{{{key}}}:window", $"{{{key}}}:refused");

    public async ValueTask<RateLimitLease> AcquireAsync(string key, RateLimitRule rule, int permitCount, CancellationToken cancellationToken)
    {
        var database = redis.Multiplexer?.GetDatabase() ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected");
        var (window, refusal) = KeysFor(key);
        var answer = (RedisResult[])(await database.ScriptEvaluateAsync(
            FixedWindowScript,
            [window, refusal],
            [permitCount, rule.Limit, Milliseconds(rule.Period), Milliseconds(rule.Wait)]))!;
        var granted = (long)answer[0] == 1;
        var remaining = (long)answer[1];
        var until = TimeSpan.FromMilliseconds((long)answer[2]);
        return granted ? CounterLease.Granted(rule.Limit, remaining, until) : CounterLease.Refused(rule.Limit, until);
    }

    // Redis counts in whole milliseconds; a window never rounds down to none.
    private static long Milliseconds(TimeSpan span) => Math.Max(span > TimeSpan.Zero ? 1 : 0, (long)Math.Ceiling(span.TotalMilliseconds));
}
