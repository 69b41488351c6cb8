using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// Answers a request from a stored response, without the origin: the stored
/// status and headers, an Age saying how old the copy is (RFC 9111 §4.2.3,
/// §5.1), a 304 when the client already holds this version, and a 206 when
/// the client asked for one byte range of it (RFC 9111 §3.4).
/// </summary>
internal static class CacheHit
{
    public static async Task ServeAsync(HttpContext context, ProxyRequestFeature proxy, CacheEntry entry, TimeSpan age, string member)
    {
        var request = context.Request;
        var response = context.Response;
        response.StatusCode = entry.Status;
        foreach (var (name, values) in entry.Headers)
        {
            response.Headers[name] = values;
        }

        response.Headers.Age = ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        response.Headers.Append(CacheStatusHeader.Name, member);
        proxy.CacheStatus = member;

        // A client that already holds this version (a browser revalidating its own
        // copy) gets a 304 from the cache: no body, and still no trip to the origin.
        if (entry.Status == StatusCodes.Status200OK
            && CacheRules.ClientHasCurrentCopy(request.Headers.IfNoneMatch, request.Headers.IfModifiedSince, entry))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.Remove(HeaderNames.ContentLength);
            return;
        }

        var body = entry.Body.AsMemory();
        var range = ByteRanges.Select(request.Headers, entry);
        if (range.IsUnsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{entry.Body.LongLength}";
            body = Memory<byte>.Empty;
        }
        else if (!range.IsWhole)
        {
            // The stored headers go out with the part, as RFC 9111 §3.4 asks, plus where the part sits.
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {range.First}-{range.Last}/{entry.Body.LongLength}";
            body = body.Slice((int)range.First, (int)range.Length);
        }

        response.ContentLength = CacheMiddleware.HasBody(entry.Status) ? body.Length : null;
        if (!HttpMethods.IsHead(request.Method) && body.Length > 0)
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>
    /// Answers a Range request from a stored piece (a 206 kept earlier) that holds
    /// every byte asked for: 206, the piece's headers, where the part sits in the whole.
    /// </summary>
    public static async Task ServePartAsync(HttpContext context, ProxyRequestFeature proxy, CacheEntry piece, long offset, long total, TimeSpan age, string member)
    {
        var response = context.Response;
        var range = ByteRanges.Select(context.Request.Headers, total, piece.ETag, piece.LastModified);
        response.StatusCode = StatusCodes.Status206PartialContent;
        foreach (var (name, values) in piece.Headers)
        {
            response.Headers[name] = values;
        }

        response.Headers.Age = ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        response.Headers.ContentRange = $"bytes {range.First}-{range.Last}/{total}";
        response.Headers.Append(CacheStatusHeader.Name, member);
        proxy.CacheStatus = member;
        response.ContentLength = range.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(piece.Body.AsMemory((int)(range.First - offset), (int)range.Length), context.RequestAborted);
        }
    }
}
