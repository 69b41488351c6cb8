namespace Samples.OcelotGateway.Policies;

/// <summary>
/// An Ocelot aggregate: one upstream template whose answer is made of the
/// answers of several routes, each filed under the route's Key.
/// </summary>
public sealed record AggregateRule(string UpstreamPathTemplate, IReadOnlyList<AggregatePart> Parts)
{
    /// <summary>Hosts the aggregate answers for (Ocelot's UpstreamHost); empty means any.</summary>
    public IReadOnlyList<string> UpstreamHost { get; init; } = [];

    /// <summary>Ocelot's Priority: among aggregates and routes that match the same path, the highest answers.</summary>
    public int Priority { get; init; } = 1;

    /// <summary>GlobalConfiguration.RequestIdKey: every part carries the aggregate's request id in it.</summary>
    public string? RequestIdKey { get; init; }
}

/// <summary>One route of an aggregate: its Key and the upstream template the gateway calls it by.</summary>
public sealed record AggregatePart(string Key, string UpstreamPathTemplate);
