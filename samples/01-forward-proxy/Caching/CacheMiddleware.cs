using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// The proxy's shared HTTP cache (RFC 9111), on the server's terms: it keeps
/// only what the origin's headers allow a shared cache to keep, answers
/// repeats while they are fresh without asking the origin, revalidates what
/// went stale, and says on every response what it did (Cache-Status, RFC 9211).
/// Requests that are not the proxy's (no ProxyRequestFeature) pass untouched.
/// </summary>
internal sealed partial class CacheMiddleware(
    RequestDelegate next,
    CacheStore store,
    PartialResponses partials,
    CollapsedForwarding collapsing,
    BackgroundRevalidation background,
    CacheOptions options,
    TimeProvider time,
    ILogger<CacheMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.Features.Get<ProxyRequestFeature>();
        var request = context.Request;
        if (proxy is null || HttpMethods.IsConnect(request.Method))
        {
            await next(context);
            return;
        }

        if (!options.Enabled)
        {
            AnnounceWhenStarting(context, proxy, CacheStatusHeader.Bypass);
            await next(context);
            return;
        }

        var uri = KeyOf(proxy.Target);

        // Only answers to GET are kept (and served to GET and HEAD). Anything that may
        // change the resource makes what is stored for it out of date (RFC 9111 §4.4).
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            AnnounceWhenStarting(context, proxy, CacheStatusHeader.Method);
            if (CacheRules.IsUnsafe(request.Method))
            {
                context.Response.OnStarting(() =>
                {
                    InvalidateAfterUnsafe(context.Response, proxy.Target, uri);
                    return Task.CompletedTask;
                });
            }

            await next(context);
            return;
        }

        // A stream is never stored, and never waits for another request's fetch (collapsing).
        if (CacheRules.AsksForEventStream(request.Headers))
        {
            AnnounceWhenStarting(context, proxy, CacheStatusHeader.EventStream);
            await next(context);
            return;
        }

        // The client's own no-store (RFC 9111 §5.2.1.5): this exchange stays out of the cache.
        var directives = RequestDirectives(request);
        if (directives.NoStore)
        {
            AnnounceWhenStarting(context, proxy, CacheStatusHeader.Forward(CacheStatusHeader.Request));
            await next(context);
            return;
        }

        var stored = store.Find(uri, request.Headers);
        if (stored is not null && await TryServeStoredAsync(context, proxy, stored, directives))
        {
            return;
        }

        // A Range inside a 206 kept earlier (RFC 9111 §3.3): served from that piece.
        if (stored is null && partials.Covering(uri, request.Headers) is { } part && Acceptable(part.Entry, directives, time.GetUtcNow()))
        {
            var now = time.GetUtcNow();
            await CacheHit.ServePartAsync(context, proxy, part.Entry, part.Offset, part.Total, part.Entry.CurrentAge(now), CacheStatusHeader.Hit(part.Entry.Ttl(now)));
            return;
        }

        // only-if-cached (§5.2.1.7): the client wants no trip to the origin at all.
        if (directives.OnlyIfCached)
        {
            proxy.CacheStatus = CacheStatusHeader.OnlyIfCachedMiss;
            context.Response.Headers.Append(CacheStatusHeader.Name, CacheStatusHeader.OnlyIfCachedMiss);
            await ProxyAnswer.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "504 Gateway Timeout: only-if-cached, and nothing stored fits this request\n");
            return;
        }

        // A miss: if another request is fetching this URI already, wait for its answer.
        IDisposable? lead = null;
        if (stored is null && HttpMethods.IsGet(request.Method) && !request.Headers.ContainsKey(HeaderNames.Range))
        {
            (lead, var waited) = await collapsing.JoinAsync(uri, context.RequestAborted);
            var now = time.GetUtcNow();
            if (waited && store.Find(uri, request.Headers) is { } fetched && Acceptable(fetched, directives, now))
            {
                await CacheHit.ServeAsync(context, proxy, fetched, fetched.CurrentAge(now), CacheStatusHeader.Collapsed(CacheStatusHeader.Forward(CacheStatusHeader.UriMiss)));
                return;
            }
        }

        using (lead)
        {
            var reason = stored is null ? CacheStatusHeader.UriMiss
                : stored.IsFresh(time.GetUtcNow()) ? CacheStatusHeader.Request
                : CacheStatusHeader.Stale;
            var staleIfError = stored?.Control.StaleIfError ?? directives.StaleIfError;
            var exchange = new CacheExchange(context, proxy, uri, stored, reason, staleIfError, store, partials, options, time, logger);
            await exchange.RunAsync(next);
        }
    }

    /// <summary>The cache key: the absolute URI without a fragment, scheme and host lower-cased, default port dropped.</summary>
    public static string KeyOf(Uri target) => target.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);

    public static bool HasBody(int status) => status is not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified);

    /// <summary>
    /// A stored response answers when it is fresh on the client's terms too, or when
    /// the client (max-stale) or the origin (stale-while-revalidate) accepts it stale.
    /// </summary>
    private async Task<bool> TryServeStoredAsync(HttpContext context, ProxyRequestFeature proxy, CacheEntry stored, CacheControl directives)
    {
        var now = time.GetUtcNow();
        var age = stored.CurrentAge(now);
        if (Acceptable(stored, directives, now))
        {
            await CacheHit.ServeAsync(context, proxy, stored, age, CacheStatusHeader.Hit(stored.Ttl(now)));
            return true;
        }

        // RFC 5861: stale, but within stale-while-revalidate: serve it now, refresh it behind.
        // Not when the client itself asked for a fresh or revalidated answer.
        var clientWantsFresh = directives.NoCache || directives.MaxAge.HasValue || directives.MinFresh.HasValue;
        if (!clientWantsFresh && !stored.IsFresh(now) && stored.MayServeStale(now, stored.Control.StaleWhileRevalidate))
        {
            background.Start(stored, context.Request.Headers);
            await CacheHit.ServeAsync(context, proxy, stored, age, CacheStatusHeader.HitWhileRevalidating(stored.Ttl(now)));
            return true;
        }

        return false;
    }

    /// <summary>
    /// RFC 9111 §5.2.1: the client's no-cache, max-age (0 always revalidates) and
    /// min-fresh can refuse a fresh entry; its max-stale can accept a stale one.
    /// </summary>
    private static bool Acceptable(CacheEntry entry, CacheControl directives, DateTimeOffset now)
    {
        var age = entry.CurrentAge(now);
        if (directives.NoCache
            || (directives.MaxAge is { } maxAge && (maxAge == TimeSpan.Zero || age > maxAge))
            || (directives.MinFresh is { } minFresh && entry.FreshnessLifetime - age < minFresh))
        {
            return false;
        }

        return entry.IsFresh(now) || entry.MayServeStale(now, directives.MaxStale);
    }

    private static CacheControl RequestDirectives(HttpRequest request)
    {
        var directives = CacheControl.Parse(request.Headers.CacheControl);

        // HTTP/1.0 clients say Pragma: no-cache; it counts only without Cache-Control (RFC 9111 §5.4).
        if (directives == CacheControl.None && request.Headers.Pragma.Any(v => v?.Contains("no-cache", StringComparison.OrdinalIgnoreCase) == true))
        {
            return directives with { NoCache = true };
        }

        return directives;
    }

    /// <summary>
    /// The header goes on as the response starts, so that it survives whatever
    /// the forwarding step does to the headers before that (a 502 clears them).
    /// </summary>
    private static void AnnounceWhenStarting(HttpContext context, ProxyRequestFeature proxy, string member)
    {
        proxy.CacheStatus = member;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Append(CacheStatusHeader.Name, member);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// RFC 9111 §4.4: a successful (2xx, 3xx) unsafe request invalidates the stored
    /// responses for its URI, and for the Location and Content-Location it names
    /// when those are on the same origin (another origin could not be trusted to
    /// speak for them).
    /// </summary>
    private void InvalidateAfterUnsafe(HttpResponse response, Uri target, string uri)
    {
        if (response.StatusCode is < 200 or >= 400)
        {
            return;
        }

        var removed = store.Invalidate(uri);
        partials.Invalidate(uri);
        foreach (var header in new[] { HeaderNames.Location, HeaderNames.ContentLocation })
        {
            var value = response.Headers[header].ToString();
            if (value.Length > 0
                && Uri.TryCreate(target, value, out var named)
                && string.Equals(named.GetLeftPart(UriPartial.Authority), target.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                removed += store.Invalidate(KeyOf(named));
            }
        }

        Log.Invalidated(logger, uri, removed);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Cache: {Uri} changed by an unsafe method, {Count} stored response(s) dropped")]
        public static partial void Invalidated(ILogger logger, string uri, int count);
    }
}
