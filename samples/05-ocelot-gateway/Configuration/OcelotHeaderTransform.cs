namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// One entry of "UpstreamHeaderTransform" or "DownstreamHeaderTransform".
/// Ocelot reads "find, replace" (a comma) as a find/replace on the header's
/// existing value, and anything else as a value to set; both may hold the
/// placeholders {RemoteIpAddress}, {BaseUrl} and {DownstreamBaseUrl}.
/// </summary>
public sealed record OcelotHeaderTransform(string HeaderName, string? Find, string Value)
{
    public bool IsFindAndReplace => Find is not null;

    /// <summary>Placeholders this gateway fills in header transforms.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["{RemoteIpAddress}", "{BaseUrl}", "{DownstreamBaseUrl}"];
}
