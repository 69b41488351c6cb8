using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Samples.Scaffolding.HopByHop;

/// <summary>
/// The header names a message's Connection header makes hop-by-hop (RFC 9110
/// §7.6.1): every token in it. For a request, the tokens are read from the
/// header as the client wrote it (recorded on the connection), together with
/// what Kestrel kept of it.
/// </summary>
public static class ConnectionHeaderNames
{
    /// <summary>The request's Connection values: Kestrel's, plus the raw ones recorded for it.</summary>
    public static StringValues RequestConnection(HttpContext context) =>
        context.Features.Get<RawConnectionHeader>() is { } raw
            ? StringValues.Concat(context.Request.Headers.Connection, new StringValues([.. raw.Values]))
            : context.Request.Headers.Connection;

    /// <summary>Every token of <paramref name="connection"/> ("close, X-Secret" gives close and X-Secret).</summary>
    public static IEnumerable<string> Tokens(IEnumerable<string?> connection) =>
        connection
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The request's Connection header as the client wrote it (each line, in order).</summary>
public sealed record RawConnectionHeader(IReadOnlyList<string> Values);
