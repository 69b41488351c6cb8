using System.Globalization;
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

        // The client's own directives: no-store forbids both using and keeping a
        // response; a Range asks for a part, which this cache neither serves nor keeps.
        var directives = RequestDirectives(request);
        if (directives.NoStore || request.Headers.ContainsKey(HeaderNames.Range))
        {
            AnnounceWhenStarting(context, proxy, CacheStatusHeader.Request);
            await next(context);
            return;
        }

        // no-cache: the client wants the origin's answer, which may still be kept.
        var stored = directives.NoCache ? null : store.Find(uri, request.Headers);
        if (stored is not null)
        {
            var now = time.GetUtcNow();
            var age = stored.CurrentAge(now);
            if (stored.IsFresh(now) && !(directives.MaxAge is { } maxAge && age > maxAge))
            {
                await ServeHitAsync(context, proxy, stored, age);
                return;
            }
        }

        var exchange = new CacheExchange(
            context,
            proxy,
            uri,
            stored,
            directives.NoCache ? CacheStatusHeader.Request : CacheStatusHeader.UriMiss,
            store,
            options,
            time,
            logger);
        await exchange.RunAsync(next);
    }

    /// <summary>The cache key: the absolute URI without a fragment, scheme and host lower-cased, default port dropped.</summary>
    public static string KeyOf(Uri target) => target.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);

    public static bool HasBody(int status) => status is not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified);

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

    private static async Task ServeHitAsync(HttpContext context, ProxyRequestFeature proxy, CacheEntry entry, TimeSpan age)
    {
        var response = context.Response;
        response.StatusCode = entry.Status;
        foreach (var (name, values) in entry.Headers)
        {
            response.Headers[name] = values;
        }

        response.Headers.Age = ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        response.Headers.Append(CacheStatusHeader.Name, CacheStatusHeader.Hit);
        proxy.CacheStatus = CacheStatusHeader.Hit;

        // A client that already holds this version (a browser revalidating its own
        // copy) gets a 304 from the cache: no body, and still no trip to the origin.
        if (entry.Status == StatusCodes.Status200OK
            && CacheRules.ClientHasCurrentCopy(context.Request.Headers.IfNoneMatch, context.Request.Headers.IfModifiedSince, entry))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.Remove(HeaderNames.ContentLength);
            return;
        }

        response.ContentLength = HasBody(entry.Status) ? entry.Body.Length : null;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(entry.Body, context.RequestAborted);
        }
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
