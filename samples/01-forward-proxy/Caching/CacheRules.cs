using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// The RFC 9111 decisions that do not depend on the cache's state: may this
/// response be stored, how long does it stay fresh, which headers are kept.
/// </summary>
internal static class CacheRules
{
    /// <summary>
    /// Fields that describe one connection or one message framing (RFC 9110 §7.6.1),
    /// never stored: the proxy's own forwarding drops most already, this is the
    /// cache's own guard. Content-Length is recomputed from the stored body.
    /// </summary>
    private static readonly FrozenSet<string> NotStoredHeaders = new[]
    {
        HeaderNames.Connection, HeaderNames.KeepAlive, "Proxy-Connection", HeaderNames.TE, HeaderNames.Trailer,
        HeaderNames.TransferEncoding, HeaderNames.Upgrade, HeaderNames.ProxyAuthenticate, HeaderNames.ContentLength,
        HeaderNames.SetCookie,
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private const string EventStreamType = "text/event-stream";

    /// <summary>The status codes RFC 9110 §15 defines, whose caching rules this cache follows.</summary>
    private static readonly FrozenSet<int> UnderstoodStatusCodes = new[]
    {
        200, 201, 202, 203, 204, 205, 300, 301, 302, 303, 307, 308,
        400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 426,
        500, 501, 502, 503, 504, 505,
    }.ToFrozenSet();

    /// <summary>RFC 9110 §9.2.1: anything but GET, HEAD, OPTIONS and TRACE may change the resource.</summary>
    public static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>The client asks for Server-Sent Events (an EventSource always sends Accept: text/event-stream).</summary>
    public static bool AsksForEventStream(IHeaderDictionary request) =>
        request.Accept.Any(v => v?.Contains(EventStreamType, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The answer is Server-Sent Events, whatever the client asked for.</summary>
    public static bool IsEventStream(IHeaderDictionary response) =>
        MediaTypeHeaderValue.TryParse(response.ContentType.ToString(), out var type) && type.MediaType.Equals(EventStreamType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// RFC 9111 §3: may a shared cache keep this answer to a GET? Null when it
    /// may, else the reason it may not (the log and the docs use the same words).
    /// </summary>
    public static string? WhyNotStorable(int status, IHeaderDictionary response, bool requestHadAuthorization, DateTimeOffset now, TimeSpan maxHeuristicLifetime)
    {
        var control = CacheControl.Parse(response.CacheControl);
        // RFC 9111 §3: any final status may be kept when the origin gives it a lifetime
        // (the ones RFC 9110 §15.1 calls heuristically cacheable may also get a guessed
        // one, below). Never a 1xx, which is not an answer; never a 304, which is only
        // an answer about what is stored; a 206 is a piece of the resource, kept apart.
        if (status is < 200 or > 599 or StatusCodes.Status206PartialContent or StatusCodes.Status304NotModified)
        {
            return $"status {status} is not kept";
        }

        // must-understand (§5.2.2.3): a status this cache does not know the rules of is
        // not kept; one it knows is kept even if no-store is there too (no-store is
        // only the fallback for caches that do not understand must-understand).
        if (control.MustUnderstand && !UnderstoodStatusCodes.Contains(status))
        {
            return $"must-understand, and status {status} is not one this cache knows";
        }

        if (control.NoStore && !control.MustUnderstand)
        {
            return "no-store";
        }

        if (control.Private)
        {
            return "private";
        }

        // A cookie set for one user must never be replayed to another, whatever the
        // response's other directives claim.
        if (response.ContainsKey(HeaderNames.SetCookie))
        {
            return "Set-Cookie";
        }

        if (VaryKey.NamesFrom(response).Contains("*"))
        {
            return "Vary: *";
        }

        // RFC 9111 §3.5: an answer to an authenticated request is that user's,
        // unless the origin says explicitly that it may be shared.
        if (requestHadAuthorization && !(control.Public || control.SharedMaxAge.HasValue || control.MustRevalidate))
        {
            return "Authorization without public or s-maxage";
        }

        // The origin's lifetime, else a heuristic one (§4.2.2); with neither, keeping
        // the response would only mean asking the origin again next time.
        var date = HttpDate.TryParse(response.Date, out var parsed) ? parsed : now;
        var stated = Freshness.Explicit(control, response.Expires, date);
        var lifetime = stated ?? Freshness.Heuristic(status, control, response.LastModified, date, maxHeuristicLifetime);
        if (stated is null && lifetime <= TimeSpan.Zero && !control.NoCache)
        {
            return "no explicit freshness, and no Last-Modified to guess one from";
        }

        var hasValidator = response.ContainsKey(HeaderNames.ETag) || response.ContainsKey(HeaderNames.LastModified);
        if ((control.NoCache || lifetime <= TimeSpan.Zero) && !hasValidator)
        {
            return "stale on arrival and no validator";
        }

        return null;
    }

    /// <summary>
    /// RFC 9110 §13.1.2 and §13.1.3: would the client's own conditional request be
    /// answered 304 by this stored response? If-None-Match (weak comparison) wins;
    /// If-Modified-Since counts only without it, against Last-Modified or, when the
    /// stored response has none, its Date (RFC 9111 §4.3.2).
    /// </summary>
    public static bool ClientHasCurrentCopy(StringValues ifNoneMatch, StringValues ifModifiedSince, CacheEntry entry)
    {
        if (!StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            if (entry.ETag is null)
            {
                return false;
            }

            var stored = Opaque(entry.ETag);
            return ifNoneMatch
                .SelectMany(line => (line ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Any(tag => tag == "*" || Opaque(tag) == stored);
        }

        if (StringValues.IsNullOrEmpty(ifModifiedSince) || !HttpDate.TryParse(ifModifiedSince, out var since))
        {
            return false;
        }

        if (entry.LastModified is null)
        {
            return entry.DateValue <= since;
        }

        return HttpDate.TryParse(entry.LastModified, out var modified) && modified <= since;
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;

    /// <summary>The response's headers as a stored entry keeps them.</summary>
    public static List<KeyValuePair<string, StringValues>> StorableHeaders(IHeaderDictionary headers) =>
        [.. headers.Where(h => !NotStoredHeaders.Contains(h.Key) && !string.Equals(h.Key, CacheStatusHeader.Name, StringComparison.OrdinalIgnoreCase))];
}
