using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// One trip to the origin on the cache's behalf (a miss, a stale entry, a
/// request the client asked to be fetched anew): adds the validators of a
/// stale entry, decides when the response headers arrive whether to keep the
/// response, copies its body on the way through, and turns a 304 into the
/// refreshed stored response.
/// </summary>
internal sealed partial class CacheExchange(
    HttpContext context,
    ProxyRequestFeature proxy,
    string uri,
    CacheEntry? stale,
    string reason,
    TimeSpan? staleIfError,
    CacheStore store,
    PartialResponses partials,
    CacheOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly bool _mayStore = HttpMethods.IsGet(context.Request.Method);
    private bool _revalidating;
    private DateTimeOffset _requestTime;
    private DateTimeOffset _responseTime;
    private bool _decided;
    private int _status;
    private string _member = string.Empty;
    private CacheEntry? _refreshed;
    private bool _servingStored;
    private bool _clientHasCurrentCopy;
    private StringValues _clientIfNoneMatch;
    private StringValues _clientIfModifiedSince;

    // Set while the response is one to keep and its body is being copied.
    private MemoryStream? _copy;
    private long? _expectedLength;
    private List<KeyValuePair<string, StringValues>>? _headers;
    private VaryKey _vary = VaryKey.None;

    // Set when the response is a 206 to keep as a piece (PartialResponses): where it sits in the whole.
    private (long First, long Last, long Total)? _part;

    public async Task RunAsync(RequestDelegate next)
    {
        var response = context.Response;
        _requestTime = time.GetUtcNow();

        // Known before the origin answers, so that an error answer the proxy writes
        // itself (502, 504) keeps this cache's status instead of claiming a bypass.
        proxy.CacheStatus = CacheStatusHeader.Forward(reason);

        // A stale entry with a validator: ask the origin "has it changed?" instead of
        // "send it again"; a 304 costs no body. The client's own conditionals are
        // replaced, since a 304 here answers for the stored response, not for theirs.
        if (_mayStore && stale is { HasValidator: true })
        {
            _revalidating = true;
            var headers = context.Request.Headers;
            _clientIfNoneMatch = headers.IfNoneMatch;
            _clientIfModifiedSince = headers.IfModifiedSince;
            headers.Remove(HeaderNames.IfNoneMatch);
            headers.Remove(HeaderNames.IfModifiedSince);
            if (stale.ETag is { } etag)
            {
                headers.IfNoneMatch = etag;
            }

            if (stale.LastModified is { } lastModified)
            {
                headers.IfModifiedSince = lastModified;
            }
        }

        var clientBody = response.Body;
        if (_mayStore)
        {
            response.Body = new CacheTeeStream(clientBody, this);
        }

        response.OnStarting(static state =>
        {
            ((CacheExchange)state).Decide();
            return Task.CompletedTask;
        }, this);

        try
        {
            await next(context);
        }
        finally
        {
            response.Body = clientBody;
        }

        // A response without a body (a 304, a 204) may not have started yet:
        // decide now, while its status and headers can still change.
        if (!response.HasStarted)
        {
            Decide();
        }

        if (_refreshed is not null)
        {
            if (!_clientHasCurrentCopy && !HttpMethods.IsHead(context.Request.Method))
            {
                await response.Body.WriteAsync(_refreshed.Body, context.RequestAborted);
            }

            return;
        }

        Keep();
    }

    /// <summary>
    /// Called by the tee for each piece of body on its way to the client; false when
    /// the piece must not reach the client (the origin's error body, while the stored
    /// response is served in its place).
    /// </summary>
    public bool Copy(ReadOnlySpan<byte> piece)
    {
        Decide();
        if (_servingStored)
        {
            return false;
        }

        if (_copy is null)
        {
            return true;
        }

        if (_copy.Length + piece.Length > options.MaxBodyBytes)
        {
            // Too big to keep: let go of the copy, keep streaming to the client.
            _copy = null;
            proxy.CacheStatus = _member;
            Log.NotStored(logger, uri, $"body larger than Cache:MaxBodyBytes ({options.MaxBodyBytes})");
            return true;
        }

        _copy.Write(piece);

        // Store before the last byte leaves: a client that asks again the moment
        // it has the whole body must find the entry.
        if (_copy.Length == _expectedLength)
        {
            Keep();
        }

        return true;
    }

    /// <summary>Runs once, when the response headers are about to be sent.</summary>
    private void Decide()
    {
        if (_decided)
        {
            return;
        }

        _decided = true;
        var response = context.Response;
        _responseTime = time.GetUtcNow();
        var status = _status = response.StatusCode;

        if (_revalidating && stale is not null && status == StatusCodes.Status304NotModified)
        {
            ServeRefreshed(stale, response);
            return;
        }

        // RFC 5861 stale-if-error: the origin failed, and the stale copy may stand in for it.
        if (stale is not null && status >= 500 && stale.MayServeStale(_responseTime, staleIfError))
        {
            ServeStaleOnError(stale, response, status);
            return;
        }

        _member = CacheStatusHeader.Forward(reason, stale is not null ? status : null);
        var announced = _member;

        // An event stream the client did not ask for by Accept: passed on as it comes, never copied.
        if (CacheRules.IsEventStream(response.Headers))
        {
            _member = announced = CacheStatusHeader.EventStream;
        }
        else if (_mayStore)
        {
            // A 206 is judged as the whole it is part of, and kept apart as a piece.
            var judged = status;
            if (status == StatusCodes.Status206PartialContent
                && PartialResponses.TryReadContentRange(response.Headers.ContentRange, out var first, out var last, out var total))
            {
                _part = (first, last, total);
                judged = StatusCodes.Status200OK;
            }

            var why = CacheRules.WhyNotStorable(judged, response.Headers, context.Request.Headers.ContainsKey(HeaderNames.Authorization), _responseTime, options.MaxHeuristicLifetime);
            if (why is null && _part is not null && (response.Headers.ETag.ToString() is not { Length: > 0 } etag || etag.StartsWith("W/", StringComparison.Ordinal)))
            {
                why = "a part without a strong ETag could never be joined to the others";
            }
            if (why is null && response.ContentLength > options.MaxBodyBytes)
            {
                why = $"Content-Length larger than Cache:MaxBodyBytes ({options.MaxBodyBytes})";
            }

            if (why is null)
            {
                _copy = new MemoryStream();
                _expectedLength = response.ContentLength;
                _headers = CacheRules.StorableHeaders(response.Headers);
                _vary = VaryKey.For(VaryKey.NamesFrom(response.Headers), context.Request.Headers);
                announced = CacheStatusHeader.Stored(_member);
            }
            else
            {
                Log.NotStored(logger, uri, why);
            }
        }

        response.Headers.Append(CacheStatusHeader.Name, announced);
        proxy.CacheStatus = announced;
    }

    /// <summary>Stores the copied response if it arrived whole.</summary>
    private void Keep()
    {
        var copy = _copy;
        if (copy is null || _headers is null)
        {
            return;
        }

        _copy = null;
        if (context.RequestAborted.IsCancellationRequested || (_expectedLength is { } expected && copy.Length != expected))
        {
            proxy.CacheStatus = _member;
            return;
        }

        var entry = new CacheEntry(uri, _status, _headers, copy.ToArray(), _vary, _requestTime, _responseTime, options.MaxHeuristicLifetime);
        if (_part is { } part)
        {
            // A body that is not the length its Content-Range says could corrupt the whole it joins.
            if (copy.Length == part.Last - part.First + 1)
            {
                partials.Add(entry, part.First, part.Total);
            }
            else
            {
                proxy.CacheStatus = _member;
                Log.NotStored(logger, uri, "the body is not the length its Content-Range says");
            }
        }
        else if (!store.Store(entry))
        {
            proxy.CacheStatus = _member;
            Log.NotStored(logger, uri, $"larger than Cache:MaxBytes ({options.MaxBytes})");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Cache: not storing {Uri}: {Reason}")]
        public static partial void NotStored(ILogger logger, string uri, string reason);

        [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Cache: the origin answered {Status} for {Uri}; served the stale copy (stale-if-error)")]
        public static partial void ServedStale(ILogger logger, string uri, int status);
    }
}
