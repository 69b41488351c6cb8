using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// One stored response: status, headers and body, the request header values
/// it was chosen for (Vary), and the clock readings that its age is computed
/// from. Immutable, so a hit can be served while another request replaces it.
/// </summary>
internal sealed class CacheEntry
{
    /// <summary>The fields a 304 may not change, since they describe the stored bytes (Content-Length is never stored).</summary>
    private static readonly FrozenSet<string> BodyDescribingHeaders = new[]
    {
        HeaderNames.ContentEncoding, HeaderNames.ContentMD5, HeaderNames.ContentRange, HeaderNames.ETag,
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>What a stored response costs beyond its body and header text (the object itself, the LRU node).</summary>
    private const int Overhead = 128;

    public CacheEntry(
        string uri,
        int status,
        IReadOnlyList<KeyValuePair<string, StringValues>> headers,
        byte[] body,
        VaryKey vary,
        DateTimeOffset requestTime,
        DateTimeOffset responseTime,
        TimeSpan maxHeuristicLifetime)
    {
        Uri = uri;
        Status = status;
        Headers = headers;
        Body = body;
        Vary = vary;
        RequestTime = requestTime;
        ResponseTime = responseTime;
        MaxHeuristicLifetime = maxHeuristicLifetime;

        Control = CacheControl.Parse(Header(HeaderNames.CacheControl));
        var stated = Freshness.Explicit(Control, Header(HeaderNames.Expires), DateValue);
        IsHeuristic = stated is null;
        FreshnessLifetime = stated ?? Freshness.Heuristic(status, Control, Header(HeaderNames.LastModified), DateValue, maxHeuristicLifetime);
        ETag = Header(HeaderNames.ETag).ToString() is { Length: > 0 } etag ? etag : null;
        LastModified = Header(HeaderNames.LastModified).ToString() is { Length: > 0 } lastModified ? lastModified : null;
        Size = Overhead + body.LongLength + uri.Length + headers.Sum(h => h.Key.Length + h.Value.Sum(v => (long)(v?.Length ?? 0)));
    }

    public string Uri { get; }

    public int Status { get; }

    /// <summary>The end-to-end headers as the origin sent them, without Content-Length and hop-by-hop fields.</summary>
    public IReadOnlyList<KeyValuePair<string, StringValues>> Headers { get; }

    public byte[] Body { get; }

    public VaryKey Vary { get; }

    public DateTimeOffset RequestTime { get; }

    public DateTimeOffset ResponseTime { get; }

    /// <summary>The response's own Cache-Control, read once.</summary>
    public CacheControl Control { get; }

    public TimeSpan FreshnessLifetime { get; }

    /// <summary>True when the lifetime is the cache's guess from Last-Modified, not the origin's word.</summary>
    public bool IsHeuristic { get; }

    /// <summary>The cap the lifetime was guessed under, kept for the refreshed copy after a 304.</summary>
    public TimeSpan MaxHeuristicLifetime { get; }

    /// <summary>The response said no-cache: it may be stored but must be revalidated before every use.</summary>
    public bool AlwaysRevalidate => Control.NoCache;

    public string? ETag { get; }

    public string? LastModified { get; }

    public bool HasValidator => ETag is not null || LastModified is not null;

    /// <summary>What the entry counts against Cache:MaxBytes.</summary>
    public long Size { get; }

    /// <summary>The origin's Date, or the moment the response arrived when it sent none.</summary>
    public DateTimeOffset DateValue =>
        HttpDate.TryParse(Header(HeaderNames.Date), out var date) ? date : ResponseTime;

    /// <summary>
    /// RFC 9111 §4.2.3: how old the response is now, counting the time it spent
    /// on the way (the Age an upstream cache gave it, the request's round trip)
    /// and the time it has been resident here.
    /// </summary>
    public TimeSpan CurrentAge(DateTimeOffset now)
    {
        var apparentAge = Max(TimeSpan.Zero, ResponseTime - DateValue);
        var ageValue = DeltaSeconds.AgeField(Header(HeaderNames.Age));
        var correctedAgeValue = ageValue + (ResponseTime - RequestTime);
        var correctedInitialAge = Max(apparentAge, correctedAgeValue);
        var residentTime = Max(TimeSpan.Zero, now - ResponseTime);
        return correctedInitialAge + residentTime;
    }

    public bool IsFresh(DateTimeOffset now) => !AlwaysRevalidate && FreshnessLifetime > CurrentAge(now);

    /// <summary>RFC 9211 ttl: seconds of freshness left (negative once stale).</summary>
    public long Ttl(DateTimeOffset now) => (long)Math.Floor((FreshnessLifetime - CurrentAge(now)).TotalSeconds);

    /// <summary>How far past its lifetime the entry is now (zero or less while fresh).</summary>
    public TimeSpan Staleness(DateTimeOffset now) => CurrentAge(now) - FreshnessLifetime;

    /// <summary>
    /// RFC 9111 §4.2.4: a stale entry may be served only where something allows it
    /// (the client's max-stale, the origin's stale-while-revalidate or stale-if-error),
    /// and never when the origin said no-cache, must-revalidate or proxy-revalidate.
    /// </summary>
    public bool MayServeStale(DateTimeOffset now, TimeSpan? allowance) =>
        !AlwaysRevalidate && !Control.MustRevalidate && allowance is { } allowed && Staleness(now) <= allowed;

    public StringValues Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return StringValues.Empty;
    }

    /// <summary>
    /// RFC 9111 §3.2 and §4.3.4: after a 304, the stored response takes the
    /// header fields the 304 carried and starts a new life from the validation's
    /// clock readings; the body stays. Not the fields the stored body itself
    /// depends on (§3.2 excepts them): its length, its coding, its digest, the
    /// range it is, and the ETag that names exactly these bytes.
    /// </summary>
    public CacheEntry Refresh(IHeaderDictionary notModifiedHeaders, DateTimeOffset requestTime, DateTimeOffset responseTime)
    {
        var merged = new List<KeyValuePair<string, StringValues>>();
        var updated = CacheRules.StorableHeaders(notModifiedHeaders).Where(h => !BodyDescribingHeaders.Contains(h.Key)).ToList();
        var names = new HashSet<string>(updated.Select(h => h.Key), StringComparer.OrdinalIgnoreCase);
        merged.AddRange(Headers.Where(h => !names.Contains(h.Key)));
        merged.AddRange(updated);
        return new CacheEntry(Uri, Status, merged, Body, Vary, requestTime, responseTime, MaxHeuristicLifetime);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
