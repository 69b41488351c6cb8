using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// RFC 9111 §4.1: a stored response may answer a later request only when the
/// request headers its Vary names carry the same values as in the request that
/// fetched it. This is those names and values, normalised so that
/// "en,  fr" and "en, fr" compare equal.
/// </summary>
internal sealed record VaryKey(string[] Names, string Values)
{
    public static readonly VaryKey None = new([], string.Empty);

    /// <summary>The names listed in a response's Vary header(s); "*" means no request can ever match.</summary>
    public static string[] NamesFrom(IHeaderDictionary responseHeaders) =>
        [.. responseHeaders[HeaderNames.Vary]
            .SelectMany(line => (line ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(name => name.ToLowerInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal)];

    public static VaryKey For(string[] names, IHeaderDictionary requestHeaders) =>
        names.Length == 0 ? None : new VaryKey(names, ValuesOf(names, requestHeaders));

    public bool Matches(IHeaderDictionary requestHeaders) =>
        Names.Length == 0 || string.Equals(Values, ValuesOf(Names, requestHeaders), StringComparison.Ordinal);

    public bool SameAs(VaryKey other) =>
        Names.SequenceEqual(other.Names, StringComparer.Ordinal) && string.Equals(Values, other.Values, StringComparison.Ordinal);

    /// <summary>
    /// Fields whose values are case-insensitive by their grammar (language tags,
    /// content codings, charsets, RFC 9110 §12.5): "en-GB" and "en-gb" select the
    /// same variant, so they are compared lower-cased (RFC 9111 §4.1 allows
    /// normalising what is known to mean the same).
    /// </summary>
    private static readonly HashSet<string> CaseInsensitiveFields = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.AcceptLanguage, HeaderNames.AcceptEncoding, HeaderNames.AcceptCharset,
    };

    private static string ValuesOf(string[] names, IHeaderDictionary requestHeaders) =>
        string.Join('\n', names.Select(name =>
            requestHeaders.TryGetValue(name, out var values)
                ? name + ":" + Normalised(name, string.Join(',', values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))))
                : name + "!"));

    private static string Normalised(string name, string value) =>
        CaseInsensitiveFields.Contains(name) ? value.ToLowerInvariant() : value;
}
