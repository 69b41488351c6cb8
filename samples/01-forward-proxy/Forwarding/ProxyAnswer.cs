namespace Samples.ForwardProxy;

/// <summary>
/// An answer the proxy gives itself, instead of an origin's: a refusal (403, 407,
/// 508), an error (400, 502, 504) or its own page. Short text that says why, so a
/// person reading curl's output knows what happened and whom to ask.
/// </summary>
public static class ProxyAnswer
{
    public const string PlainText = "text/plain; charset=utf-8";

    public static Task WriteAsync(HttpContext context, int status, string body, string contentType = PlainText)
    {
        // Cache-Status on every answer (RFC 9211): one the proxy makes before the cache
        // has seen the request (400, 403, 404, 407, 508, its own page) was not the
        // cache's to handle, which is what fwd=bypass says. After the cache, it has
        // already chosen its value (502 and 504 keep it).
        var proxy = context.Features.Get<ProxyRequestFeature>();
        if (proxy?.CacheStatus is null && !context.Response.Headers.ContainsKey(CacheStatusHeader.Name))
        {
            context.Response.Headers.Append(CacheStatusHeader.Name, CacheStatusHeader.Bypass);
            proxy?.CacheStatus = CacheStatusHeader.Bypass;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
