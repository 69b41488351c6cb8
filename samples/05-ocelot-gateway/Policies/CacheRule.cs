namespace Samples.OcelotGateway.Policies;

/// <summary>
/// One route's cache settings, in Ocelot's terms: answers live
/// <see cref="Ttl"/>, are filed under <see cref="Region"/> (so an
/// administrator can clear them together), vary by the request header named
/// in <see cref="Header"/>, and, with <see cref="EnableContentHashing"/>, by a
/// hash of the request body.
/// </summary>
public sealed record CacheRule
{
    public required TimeSpan Ttl { get; init; }

    public required string Region { get; init; }

    public string? Header { get; init; }

    public bool EnableContentHashing { get; init; }

    /// <summary>
    /// Ocelot's region when none is given: the route's methods followed by its
    /// upstream template without the slashes ("GETproducts{id}").
    /// </summary>
    public static string DefaultRegion(IEnumerable<string> methods, string upstreamPathTemplate) =>
        string.Concat(methods.Select(m => m.ToUpperInvariant())) + upstreamPathTemplate.Replace("/", "", StringComparison.Ordinal);
}
