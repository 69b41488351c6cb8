using System.Net;

namespace Samples.ForwardProxy;

/// <summary>
/// The 403 a blocked request gets, naming the rule that matched so that a
/// person who hits it knows what to ask their administrator about. Browsers
/// get a small HTML page, everything else one line of text.
/// </summary>
public static class BlockPage
{
    public static bool WantsHtml(string? accept) =>
        accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>The content type and body for a request to <paramref name="target"/> blocked by <paramref name="rule"/>.</summary>
    public static (string ContentType, string Body) Render(string target, string rule, string? accept)
    {
        if (!WantsHtml(accept))
        {
            return ("text/plain; charset=utf-8", $"403 Forbidden: {target} is blocked by the forward proxy's rule {rule}\n");
        }

        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Blocked by the forward proxy</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
            <h1>403: blocked</h1>
            <p>The forward proxy refused <code>{WebUtility.HtmlEncode(target)}</code>.</p>
            <p>Rule that matched: <code>{WebUtility.HtmlEncode(rule)}</code></p>
            </body>
            </html>

            """;
        return ("text/html; charset=utf-8", html);
    }
}
