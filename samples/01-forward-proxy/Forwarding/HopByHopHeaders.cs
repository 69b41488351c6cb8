using Microsoft.Extensions.Primitives;

namespace Samples.ForwardProxy;

/// <summary>
/// Headers that describe one connection rather than the message (RFC 9110
/// §7.6.1): a proxy must not pass them on, in either direction. Besides the
/// fixed list, a sender may name any other header in Connection to make it
/// hop-by-hop for that message ("Connection: X-Session-Hint").
/// When a request's Connection header starts with keep-alive or close, Kestrel
/// hands the application only that token; the names listed beside it come from
/// the head as the client wrote it, recorded on the connection (Scaffolding's
/// HopByHop). Responses are read by HttpClient, which keeps every token.
/// </summary>
public static class HopByHopHeaders
{
    public static readonly IReadOnlyList<string> Fixed =
    [
        "Connection",
        "Proxy-Connection",
        "Keep-Alive",
        "Proxy-Authenticate",
        "Proxy-Authorization",
        "TE",
        "Trailer",
        "Transfer-Encoding",
        "Upgrade",
    ];

    /// <summary>Every header name to drop for a message whose Connection header is <paramref name="connection"/>.</summary>
    public static IEnumerable<string> For(StringValues connection)
    {
        foreach (var name in Fixed)
        {
            yield return name;
        }

        foreach (var value in connection)
        {
            foreach (var token in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return token;
            }
        }
    }
}
