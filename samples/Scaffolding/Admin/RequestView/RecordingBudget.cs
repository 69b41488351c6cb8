namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// At most Admin:RecordPerSecond requests are recorded in any one second; the
/// rest go through untouched (nothing copied, nothing stored). A person
/// watching the page follows a handful a second, and under a benchmark's load
/// the view then costs a fixed amount of work a second instead of some on every
/// request: it samples, and /requests says how many it skipped (X-Requests-Skipped).
/// </summary>
public sealed class RecordingBudget(int perSecond, TimeProvider time)
{
    private long _second = -1;
    private int _used;
    private long _skipped;

    /// <summary>Requests left unrecorded so far because the second's budget was spent.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Whether this request may be recorded. Two threads crossing into a new second together may let one extra through.</summary>
    public bool TryTake()
    {
        var second = time.GetTimestamp() / time.TimestampFrequency;
        if (Volatile.Read(ref _second) != second && Interlocked.Exchange(ref _second, second) != second)
        {
            Volatile.Write(ref _used, 0);
        }

        if (Interlocked.Increment(ref _used) <= perSecond)
        {
            return true;
        }

        Interlocked.Increment(ref _skipped);
        return false;
    }
}
