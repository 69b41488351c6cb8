using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// The two ways an exchange answers with the stored response instead of the
/// origin's: after a 304 (the stored body is still right, with the 304's
/// headers), and after an origin failure that stale-if-error covers.
/// </summary>
internal sealed partial class CacheExchange
{
    /// <summary>
    /// The origin said 304: the stored body is still right. Refresh the entry with
    /// the 304's headers and answer the client with the stored response.
    /// </summary>
    private void ServeRefreshed(CacheEntry entry, HttpResponse response)
    {
        var refreshed = entry.Refresh(response.Headers, _requestTime, _responseTime);
        store.Store(refreshed);
        _refreshed = refreshed;

        // Just validated by the origin, so no Age of ours (RFC 9111 §5.1), only one
        // an upstream cache may have put on the 304.
        var ageFromOrigin = response.Headers.Age;
        response.StatusCode = refreshed.Status;
        foreach (var (name, values) in refreshed.Headers)
        {
            response.Headers[name] = values;
        }

        response.Headers.Remove(HeaderNames.Age);
        if (!StringValues.IsNullOrEmpty(ageFromOrigin))
        {
            response.Headers.Age = ageFromOrigin;
        }

        // The client's own conditionals (set aside when the cache put in its own) may
        // show that it already has this version: then it gets the 304, not the body.
        _clientHasCurrentCopy = refreshed.Status == StatusCodes.Status200OK
            && CacheRules.ClientHasCurrentCopy(_clientIfNoneMatch, _clientIfModifiedSince, refreshed);
        if (_clientHasCurrentCopy)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.Remove(HeaderNames.ContentLength);
        }
        else
        {
            response.ContentLength = CacheMiddleware.HasBody(refreshed.Status) ? refreshed.Body.Length : null;
        }

        _member = CacheStatusHeader.Forward(reason, StatusCodes.Status304NotModified);
        response.Headers.Append(CacheStatusHeader.Name, _member);
        proxy.CacheStatus = _member;
    }

    /// <summary>
    /// The origin failed (502, 504, any 5xx) and the stored response is allowed to
    /// stand in: the client gets it, with its real Age, and the origin's error body
    /// is dropped on its way through the tee.
    /// </summary>
    private void ServeStaleOnError(CacheEntry entry, HttpResponse response, int originStatus)
    {
        _servingStored = true;
        _refreshed = entry;
        response.Headers.Clear();
        response.StatusCode = entry.Status;
        foreach (var (name, values) in entry.Headers)
        {
            response.Headers[name] = values;
        }

        response.Headers.Age = ((long)entry.CurrentAge(_responseTime).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        response.ContentLength = CacheMiddleware.HasBody(entry.Status) ? entry.Body.Length : null;
        _member = CacheStatusHeader.StaleOnError(originStatus, entry.Ttl(_responseTime));
        response.Headers.Append(CacheStatusHeader.Name, _member);
        proxy.CacheStatus = _member;
        Log.ServedStale(logger, uri, originStatus);
    }
}
