using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// RFC 9110 §14: a client may ask for part of a representation with
/// <c>Range: bytes=first-last</c> (or <c>first-</c>, or <c>-suffix</c>). A cache
/// holding the complete response can answer that itself with 206 Partial
/// Content (RFC 9111 §3.4 lets it). One range is served; a request for several
/// ranges gets the whole 200, which a server may always do instead (§14.2).
/// </summary>
internal static class ByteRanges
{
    /// <summary>What to do with a request's Range against a complete stored response.</summary>
    public static RangeAnswer Select(IHeaderDictionary request, CacheEntry entry) =>
        entry.Status == StatusCodes.Status200OK ? Select(request, entry.Body.LongLength, entry.ETag, entry.LastModified) : RangeAnswer.Whole;

    /// <summary>What to do with a request's Range against a representation of <paramref name="length"/> bytes with these validators.</summary>
    public static RangeAnswer Select(IHeaderDictionary request, long length, string? etag, string? lastModified)
    {
        var range = request[HeaderNames.Range];
        if (StringValues.IsNullOrEmpty(range) || !IfRangeHolds(request[HeaderNames.IfRange], etag, lastModified))
        {
            return RangeAnswer.Whole;
        }

        var text = range.ToString().Trim();
        if (!text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || text.Contains(','))
        {
            return RangeAnswer.Whole;
        }

        var spec = text["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return RangeAnswer.Whole;
        }

        var firstText = spec[..dash].Trim();
        var lastText = spec[(dash + 1)..].Trim();
        if (firstText.Length == 0)
        {
            // "-500": the last 500 bytes (all of them when there are fewer).
            if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return RangeAnswer.Whole;
            }

            return suffix == 0 || length == 0 ? RangeAnswer.Unsatisfiable : new RangeAnswer(Math.Max(0, length - suffix), length - 1);
        }

        if (!long.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return RangeAnswer.Whole;
        }

        var last = length - 1;
        if (lastText.Length > 0)
        {
            if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < first)
            {
                return RangeAnswer.Whole;
            }
        }

        return first >= length ? RangeAnswer.Unsatisfiable : new RangeAnswer(first, Math.Min(last, length - 1));
    }

    /// <summary>
    /// RFC 9110 §13.1.5: If-Range says "only if you still have this version": a strong
    /// ETag that matches exactly, or the exact Last-Modified date. Otherwise the
    /// client gets the whole current representation.
    /// </summary>
    private static bool IfRangeHolds(StringValues ifRange, string? etag, string? lastModified)
    {
        if (StringValues.IsNullOrEmpty(ifRange))
        {
            return true;
        }

        var value = ifRange.ToString().Trim();
        if (value.StartsWith('"'))
        {
            return etag is not null && !etag.StartsWith("W/", StringComparison.Ordinal) && string.Equals(etag, value, StringComparison.Ordinal);
        }

        return lastModified is not null
            && HttpDate.TryParse(value, out var date)
            && HttpDate.TryParse(lastModified, out var modified)
            && date == modified;
    }
}

/// <summary>The part of a stored body to send: the whole of it, one byte range (inclusive), or none (416).</summary>
internal readonly record struct RangeAnswer(long First, long Last)
{
    public static readonly RangeAnswer Whole = new(-1, -1);

    public static readonly RangeAnswer Unsatisfiable = new(-2, -2);

    public bool IsWhole => First == -1;

    public bool IsUnsatisfiable => First == -2;

    public long Length => Last - First + 1;
}
