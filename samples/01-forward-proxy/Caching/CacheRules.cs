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
    /// The status codes this cache keeps: those RFC 9110 §15.1 calls cacheable
    /// by default, plus the temporary redirects when the origin gives them a
    /// lifetime. Never 206: a partial response is not the resource.
    /// </summary>
    private static readonly FrozenSet<int> StorableStatusCodes = new[] { 200, 203, 204, 300, 301, 302, 307, 308, 404, 405, 410, 414, 501 }.ToFrozenSet();

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

    /// <summary>RFC 9110 §9.2.1: anything but GET, HEAD, OPTIONS and TRACE may change the resource.</summary>
    public static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>
    /// RFC 9111 §3: may a shared cache keep this answer to a GET? Null when it
    /// may, else the reason it may not (the log and the docs use the same words).
    /// </summary>
    public static string? WhyNotStorable(int status, IHeaderDictionary response, bool requestHadAuthorization, DateTimeOffset now, TimeSpan maxHeuristicLifetime)
    {
        var control = CacheControl.Parse(response.CacheControl);
        if (!StorableStatusCodes.Contains(status))
        {
            return $"status {status} is not kept";
        }

        if (control.NoStore)
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
        var lifetime = stated ?? Freshness.Heuristic(status, response.LastModified, date, maxHeuristicLifetime);
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
    /// If-Modified-Since counts only without it.
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

        return !StringValues.IsNullOrEmpty(ifModifiedSince)
            && entry.LastModified is not null
            && HttpDate.TryParse(ifModifiedSince, out var since)
            && HttpDate.TryParse(entry.LastModified, out var modified)
            && modified <= since;
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;

    /// <summary>The response's headers as a stored entry keeps them.</summary>
    public static List<KeyValuePair<string, StringValues>> StorableHeaders(IHeaderDictionary headers) =>
        [.. headers.Where(h => !NotStoredHeaders.Contains(h.Key) && !string.Equals(h.Key, CacheStatusHeader.Name, StringComparison.OrdinalIgnoreCase))];
}
