using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// Copies header lists for the view, with the values of the headers on the
/// redaction list (Admin:RedactHeaders) replaced by "&lt;redacted&gt;" before
/// they are stored anywhere.
/// </summary>
public sealed class HeaderCapture(IEnumerable<string> redacted)
{
    public const string RedactedValue = "<redacted>";

    private readonly HashSet<string> _redacted = new(redacted, StringComparer.OrdinalIgnoreCase);

    /// <summary>The headers of a request or response on the proxy's own side (the client's).</summary>
    public List<HeaderField> Copy(IHeaderDictionary headers)
    {
        var copy = new List<HeaderField>(headers.Count);
        foreach (var (name, values) in headers)
        {
            copy.Add(Field(name, values.ToString()));
        }

        return copy;
    }

    /// <summary>
    /// The headers of the request the proxy sends to the backend, content headers
    /// included. HttpClient writes Host from the address when no transform set one,
    /// so the list shows it as the backend will receive it.
    /// </summary>
    public List<HeaderField> Copy(HttpRequestMessage request)
    {
        var copy = new List<HeaderField>();
        if (request.Headers.Host is null && request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            copy.Add(new HeaderField("Host", uri.Authority));
        }

        Add(copy, request.Headers.NonValidated);
        if (request.Content is { } content)
        {
            Add(copy, content.Headers.NonValidated);
        }

        return copy;
    }

    private void Add(List<HeaderField> copy, HttpHeadersNonValidated headers)
    {
        foreach (var (name, values) in headers)
        {
            copy.Add(Field(name, values.ToString()));
        }
    }

    private HeaderField Field(string name, string value) =>
        new(name, _redacted.Contains(name) ? RedactedValue : value);
}
