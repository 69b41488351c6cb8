using System.Threading.RateLimiting;
using Samples.OcelotGateway.Policies;
using Samples.OcelotGateway.Scaling;
using StackExchange.Redis;

namespace Samples.Tests.Gateway;

/// <summary>A shared store that grants everything and remembers the keys it was asked about, or fails like a Redis gone away.</summary>
public sealed class RedisTestCounterStore : IRateLimitCounterStore
{
    public List<string> Keys { get; } = [];

    public bool Available { get; set; } = true;

    public bool Failing { get; set; }

    public bool IsAvailable => Available;

    public ValueTask<RateLimitLease> AcquireAsync(string key, RateLimitRule rule, int permitCount, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new RedisConnectionException(ConnectionFailureType.SocketClosed, "the test's Redis went away");
        }

        Keys.Add(key);
        return ValueTask.FromResult<RateLimitLease>(CounterLease.Granted(rule.Limit, rule.Limit - 1, rule.Period));
    }
}
