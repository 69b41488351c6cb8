using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace Samples.ForwardProxy;

/// <summary>
/// RFC 9111 §4.2.1 and §4.2.2: how long a response stays fresh. The origin's
/// own word comes first (s-maxage, then max-age, then Expires minus Date);
/// without it, a response that says when it last changed gets a heuristic
/// lifetime, as Squid and browsers give one: a tenth of the time since
/// Last-Modified, capped by Cache:MaxHeuristicLifetime.
/// </summary>
internal static class Freshness
{
    /// <summary>RFC 9110 §15.1: the statuses "heuristically cacheable", the only ones a cache may give a lifetime the origin did not.</summary>
    private static readonly FrozenSet<int> HeuristicStatusCodes = new[] { 200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501 }.ToFrozenSet();

    /// <summary>The lifetime the origin stated, or null when it stated none.</summary>
    public static TimeSpan? Explicit(CacheControl control, StringValues expires, DateTimeOffset date)
    {
        if (control.SharedMaxAge is { } shared)
        {
            return shared;
        }

        if (control.MaxAge is { } maxAge)
        {
            return maxAge;
        }

        if (StringValues.IsNullOrEmpty(expires))
        {
            return null;
        }

        // RFC 9111 §5.3: an Expires that is not an HTTP-date ("0", garbage, a sloppy
        // date) means "already expired", never "fresh".
        return HttpDate.TryParse(expires, out var expiresAt) && expiresAt > date ? expiresAt - date : TimeSpan.Zero;
    }

    /// <summary>
    /// §4.2.2: a tenth of the time between Last-Modified and Date (a page unchanged
    /// for ten days is probably good for one more), never more than <paramref name="cap"/>;
    /// zero when the cap is zero, the status is not heuristically cacheable (unless the
    /// origin marked the response public, which §4.2.2 lets stand for any status) or
    /// there is no readable Last-Modified.
    /// </summary>
    public static TimeSpan Heuristic(int status, CacheControl control, StringValues lastModified, DateTimeOffset date, TimeSpan cap)
    {
        if (cap <= TimeSpan.Zero || !(HeuristicStatusCodes.Contains(status) || control.Public) || !HttpDate.TryParse(lastModified, out var modified) || modified >= date)
        {
            return TimeSpan.Zero;
        }

        var tenth = TimeSpan.FromSeconds(Math.Floor((date - modified).TotalSeconds / 10));
        return tenth < cap ? tenth : cap;
    }
}
