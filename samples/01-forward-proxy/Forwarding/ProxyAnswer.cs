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
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
