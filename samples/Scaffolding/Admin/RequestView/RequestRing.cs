using System.Collections.Immutable;
using System.Threading.Channels;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// The last Admin:Keep requests, in a fixed array that is overwritten in a
/// circle, so memory stays bounded however long the sample runs. Writers take a
/// sequence number with one interlocked increment and store into its slot: no
/// lock on the request path. Readers keep only the slots whose entry carries the
/// number they expect (a slot being overwritten is skipped, never torn).
/// Pages that watch live get each new entry through a small channel of their
/// own; a page too slow to keep up loses its oldest, the proxy never waits.
/// </summary>
public sealed class RequestRing(int keep)
{
    private readonly RecordedRequest?[] _slots = new RecordedRequest?[keep];
    private long _written;
    private ImmutableArray<Channel<RecordedRequest>> _watchers = [];

    public int Keep => _slots.Length;

    /// <summary>The number the next entry will carry (1, 2, 3 ...).</summary>
    public long NextId() => Interlocked.Increment(ref _written);

    /// <summary>Stores an entry made with a number from <see cref="NextId"/> and hands it to the live pages.</summary>
    public void Add(RecordedRequest entry)
    {
        Volatile.Write(ref _slots[(entry.Id - 1) % _slots.Length], entry);
        foreach (var watcher in _watchers)
        {
            watcher.Writer.TryWrite(entry);
        }
    }

    /// <summary>The entries held now, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        var last = Volatile.Read(ref _written);
        var first = Math.Max(1, last - _slots.Length + 1);
        var entries = new List<RecordedRequest>((int)(last - first + 1));
        for (var id = first; id <= last; id++)
        {
            if (Volatile.Read(ref _slots[(id - 1) % _slots.Length]) is { } entry && entry.Id == id)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>The entries held now, then every new one as it is added, until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<RecordedRequest> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<RecordedRequest>(new BoundedChannelOptions(Math.Min(_slots.Length, 256))
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });

        // Watch first, then read what is held: an entry added in between comes both ways, and is sent once.
        ImmutableInterlocked.Update(ref _watchers, (list, added) => list.Add(added), channel);
        try
        {
            var sent = new HashSet<long>();
            foreach (var entry in Snapshot())
            {
                sent.Add(entry.Id);
                yield return entry;
            }

            await foreach (var entry in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (!sent.Remove(entry.Id))
                {
                    yield return entry;
                }
            }
        }
        finally
        {
            ImmutableInterlocked.Update(ref _watchers, (list, removed) => list.Remove(removed), channel);
        }
    }
}
