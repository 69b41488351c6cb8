using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// RFC 9111 §3.3 and §3.4: a cache may keep the 206 Partial Content answers it
/// sees, serve later Range requests that fall inside them, and put pieces
/// together into the whole response, but only pieces of the same version:
/// the same strong ETag (a weak one promises no byte-for-byte sameness) and
/// the same total length. Kept simply: one contiguous span of bytes per URI;
/// a piece that neither overlaps nor touches it replaces it. When the span
/// covers every byte, it becomes an ordinary stored 200 with the newest
/// piece's headers. Bounded as the store is: a span larger than
/// Cache:MaxBodyBytes is dropped, and at most Cache:MaxEntries URIs keep pieces.
/// </summary>
internal sealed partial class PartialResponses(CacheStore store, CacheOptions options, ILogger<PartialResponses> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Piece> _byUri = new(StringComparer.Ordinal);

    /// <summary>Where a 206 body sits in the whole: bytes First..Last (inclusive) of Total, from "bytes 0-99/1000".</summary>
    public static bool TryReadContentRange(StringValues contentRange, out long first, out long last, out long total)
    {
        first = last = total = 0;
        var text = contentRange.ToString();
        if (!text.StartsWith("bytes ", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text["bytes ".Length..].Split('/', '-');
        return parts.Length == 3
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out total)
            && first <= last && last < total;
    }

    /// <summary>A stored piece that holds every byte of the request's Range, or null.</summary>
    public (CacheEntry Entry, long Offset, long Total)? Covering(string uri, IHeaderDictionary request)
    {
        var text = request[HeaderNames.Range].ToString();
        lock (_gate)
        {
            if (!_byUri.TryGetValue(uri, out var piece))
            {
                return null;
            }

            var whole = ByteRanges.Select(request, piece.Total, piece.Entry.ETag, piece.Entry.LastModified);
            return text.Length > 0 && !whole.IsWhole && !whole.IsUnsatisfiable && whole.First >= piece.First && whole.Last <= piece.Last
                ? (piece.Entry, piece.First, piece.Total)
                : null;
        }
    }

    /// <summary>
    /// Keeps one 206 answer with a strong ETag (the exchange checks it; its entry holds
    /// the body of just that part), joining it to what is kept when it can.
    /// </summary>
    public void Add(CacheEntry part, long first, long total)
    {
        var etag = part.ETag;
        Piece joined;
        lock (_gate)
        {
            joined = new Piece(part, first, first + part.Body.LongLength - 1, total);
            if (_byUri.TryGetValue(part.Uri, out var kept)
                && kept.Entry.ETag == etag
                && kept.Total == total
                && first <= kept.Last + 1
                && joined.Last + 1 >= kept.First)
            {
                joined = Join(kept, joined);
            }

            if (joined.First == 0 && joined.Last == total - 1)
            {
                _byUri.Remove(part.Uri);
            }
            else if (joined.Entry.Body.LongLength > options.MaxBodyBytes || (kept is null && _byUri.Count >= options.MaxEntries))
            {
                _byUri.Remove(part.Uri);
                Log.NotJoined(logger, part.Uri, "over Cache:MaxBodyBytes or Cache:MaxEntries");
                return;
            }
            else
            {
                _byUri[part.Uri] = joined;
                return;
            }
        }

        // Every byte is here: from now on the URI is an ordinary stored response.
        var headers = joined.Entry.Headers.Where(h => !string.Equals(h.Key, HeaderNames.ContentRange, StringComparison.OrdinalIgnoreCase)).ToList();
        var complete = new CacheEntry(part.Uri, StatusCodes.Status200OK, headers, joined.Entry.Body, part.Vary, part.RequestTime, part.ResponseTime, part.MaxHeuristicLifetime);
        store.Store(complete);
        Log.Assembled(logger, part.Uri, total);
    }

    /// <summary>Forgets the piece kept for <paramref name="uri"/> (an unsafe method changed the resource).</summary>
    public void Invalidate(string uri)
    {
        lock (_gate)
        {
            _byUri.Remove(uri);
        }
    }

    /// <summary>The union of two overlapping or touching spans; the newer piece's bytes and headers win.</summary>
    private static Piece Join(Piece older, Piece newer)
    {
        var first = Math.Min(older.First, newer.First);
        var last = Math.Max(older.Last, newer.Last);
        var body = new byte[last - first + 1];
        older.Entry.Body.CopyTo(body, older.First - first);
        newer.Entry.Body.CopyTo(body, newer.First - first);
        var entry = newer.Entry;
        var joined = new CacheEntry(entry.Uri, entry.Status, entry.Headers, body, entry.Vary, entry.RequestTime, entry.ResponseTime, entry.MaxHeuristicLifetime);
        return new Piece(joined, first, last, newer.Total);
    }

    private sealed record Piece(CacheEntry Entry, long First, long Last, long Total);

    private static partial class Log
    {
        [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Cache: not keeping the partial answer for {Uri}: {Reason}")]
        public static partial void NotJoined(ILogger logger, string uri, string reason);

        [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Cache: the parts of {Uri} make the whole ({Total} bytes); stored as a complete response")]
        public static partial void Assembled(ILogger logger, string uri, long total);
    }
}
