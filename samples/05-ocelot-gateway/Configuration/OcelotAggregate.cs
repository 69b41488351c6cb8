namespace Samples.OcelotGateway.Configuration;

/// <summary>One entry of "Aggregates": one upstream path that calls several keyed routes and merges their JSON.</summary>
public sealed record OcelotAggregate
{
    public int Index { get; init; }

    public string Path => $"Aggregates[{Index}]";

    public required string UpstreamPathTemplate { get; init; }

    public required IReadOnlyList<string> RouteKeys { get; init; }

    public IReadOnlyList<string> UpstreamHost { get; init; } = [];

    public int Priority { get; init; } = 1;
}
