namespace Samples.ForwardProxy;

/// <summary>
/// The stored responses, bounded twice: at most MaxEntries of them and at most
/// MaxBytes in all; when either bound is passed, the least recently used go
/// first. A small LRU written here because the byte bound needs each entry's
/// weight, which BitFaster.Caching's count-bounded LRUs do not take, and
/// MemoryCache's size compaction is neither LRU nor bounded twice.
/// One lock keeps it simple; every operation under it is a few pointer moves.
/// </summary>
internal sealed class CacheStore(CacheOptions options)
{
    private readonly Lock _gate = new();

    // Most recently used first.
    private readonly LinkedList<CacheEntry> _recency = new();

    // Every variant (one per Vary'd request header values) stored for a URI.
    private readonly Dictionary<string, List<LinkedListNode<CacheEntry>>> _byUri = new(StringComparer.Ordinal);

    private long _bytes;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _recency.Count;
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The newest stored variant of <paramref name="uri"/> whose Vary'd headers match the request; marks it used.</summary>
    public CacheEntry? Find(string uri, IHeaderDictionary requestHeaders)
    {
        lock (_gate)
        {
            if (!_byUri.TryGetValue(uri, out var variants))
            {
                return null;
            }

            LinkedListNode<CacheEntry>? best = null;
            foreach (var node in variants)
            {
                if (node.Value.Vary.Matches(requestHeaders) && (best is null || node.Value.ResponseTime > best.Value.ResponseTime))
                {
                    best = node;
                }
            }

            if (best is null)
            {
                return null;
            }

            _recency.Remove(best);
            _recency.AddFirst(best);
            return best.Value;
        }
    }

    /// <summary>Keeps <paramref name="entry"/>, replacing the variant it supersedes, then evicts until both bounds hold.</summary>
    public bool Store(CacheEntry entry)
    {
        if (entry.Size > options.MaxBytes)
        {
            return false;
        }

        lock (_gate)
        {
            if (_byUri.TryGetValue(entry.Uri, out var variants))
            {
                foreach (var old in variants.Where(n => n.Value.Vary.SameAs(entry.Vary)).ToList())
                {
                    RemoveNode(old);
                }
            }

            var node = _recency.AddFirst(entry);
            if (!_byUri.TryGetValue(entry.Uri, out variants))
            {
                _byUri[entry.Uri] = variants = [];
            }

            variants.Add(node);
            _bytes += entry.Size;

            while (_recency.Count > options.MaxEntries || _bytes > options.MaxBytes)
            {
                RemoveNode(_recency.Last!);
            }

            return true;
        }
    }

    /// <summary>Forgets every variant stored for <paramref name="uri"/>; returns how many there were.</summary>
    public int Invalidate(string uri)
    {
        lock (_gate)
        {
            if (!_byUri.TryGetValue(uri, out var variants))
            {
                return 0;
            }

            var count = variants.Count;
            foreach (var node in variants.ToList())
            {
                RemoveNode(node);
            }

            return count;
        }
    }

    private void RemoveNode(LinkedListNode<CacheEntry> node)
    {
        _recency.Remove(node);
        _bytes -= node.Value.Size;
        var variants = _byUri[node.Value.Uri];
        variants.Remove(node);
        if (variants.Count == 0)
        {
            _byUri.Remove(node.Value.Uri);
        }
    }
}
