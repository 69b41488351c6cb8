using Microsoft.AspNetCore.OutputCaching;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// An in-memory store for ASP.NET Core output caching whose entries expire by
/// an injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// ASP.NET Core's own memory store is internal and expires entries by the
/// system clock, so a test could only prove a TTL by sleeping through it. This
/// small store keeps the same contract (entries, tags, eviction by tag) and
/// takes the clock as a dependency. It holds at most <see cref="MaxBytes"/>;
/// when full it drops expired entries, then refuses new ones rather than grow.
/// Redis (Microsoft.AspNetCore.OutputCaching.StackExchangeRedis) replaces it
/// when several gateways must share one cache.
/// </remarks>
public sealed class TimeProviderOutputCacheStore(TimeProvider time, long maxBytes = 64 * 1024 * 1024) : IOutputCacheStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _keysByTag = new(StringComparer.Ordinal);
    private long _bytes;

    public long MaxBytes => maxBytes;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_keysByTag.Remove(tag, out var keys))
            {
                foreach (var key in keys)
                {
                    RemoveEntry(key);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (now < entry.Expires)
                {
                    return ValueTask.FromResult<byte[]?>(entry.Value);
                }

                RemoveEntry(key);
            }
        }

        return ValueTask.FromResult<byte[]?>(null);
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            RemoveEntry(key);
            if (_bytes + value.Length > maxBytes)
            {
                RemoveExpired(now);
                if (_bytes + value.Length > maxBytes)
                {
                    return ValueTask.CompletedTask;
                }
            }

            var entry = new Entry(value, now + validFor, tags ?? []);
            _entries[key] = entry;
            _bytes += value.Length;
            foreach (var tag in entry.Tags)
            {
                if (!_keysByTag.TryGetValue(tag, out var keys))
                {
                    _keysByTag[tag] = keys = new HashSet<string>(StringComparer.Ordinal);
                }

                keys.Add(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var key in _entries.Where(e => now >= e.Value.Expires).Select(e => e.Key).ToList())
        {
            RemoveEntry(key);
        }
    }

    private void RemoveEntry(string key)
    {
        if (!_entries.Remove(key, out var entry))
        {
            return;
        }

        _bytes -= entry.Value.Length;
        foreach (var tag in entry.Tags)
        {
            if (_keysByTag.TryGetValue(tag, out var keys) && keys.Remove(key) && keys.Count == 0)
            {
                _keysByTag.Remove(tag);
            }
        }
    }

    private sealed record Entry(byte[] Value, DateTimeOffset Expires, string[] Tags);
}
