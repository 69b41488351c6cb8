using System.Text.RegularExpressions;

namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// One entry of "UpstreamHeaderTransform" or "DownstreamHeaderTransform".
/// Ocelot reads "find, replace" (a comma) as a find/replace on the header's
/// existing value, and anything else as a value to set; both may hold the
/// placeholders {RemoteIpAddress}, {BaseUrl} and {DownstreamBaseUrl}.
/// </summary>
public sealed partial record OcelotHeaderTransform(string HeaderName, string? Find, string Value)
{
    public bool IsFindAndReplace => Find is not null;

    /// <summary>Placeholders this gateway fills in header transforms.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["{RemoteIpAddress}", "{BaseUrl}", "{DownstreamBaseUrl}"];

    /// <summary>Ocelot's rule: a comma makes it "find, replace"; anything else is a value to set.</summary>
    public static OcelotHeaderTransform Parse(string headerName, string value)
    {
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        return comma < 0
            ? new OcelotHeaderTransform(headerName, null, value)
            : new OcelotHeaderTransform(headerName, value[..comma], value[(comma + 1)..].TrimStart());
    }

    /// <summary>The {placeholders} in <paramref name="value"/> this gateway does not fill.</summary>
    public static IEnumerable<string> UnknownPlaceholders(string value) =>
        AnyPlaceholder().Matches(value).Select(m => m.Value).Where(p => !Placeholders.Contains(p));

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex AnyPlaceholder();
}
