using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>One entry of "Aggregates", as written.</summary>
public sealed class FileAggregateRoute : FileObject
{
    public string? UpstreamPathTemplate { get; init; }

    [JsonConverter(typeof(StringListConverter))]
    public List<string>? RouteKeys { get; init; }

    [JsonConverter(typeof(StringListConverter))]
    public List<string>? UpstreamHost { get; init; }

    public int? Priority { get; init; }
}
