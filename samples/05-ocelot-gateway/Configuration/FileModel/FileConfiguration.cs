namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>The whole ocelot.json, as written (Ocelot's own name for this type).</summary>
public sealed class FileConfiguration : FileObject
{
    public List<FileRoute>? Routes { get; init; }

    public List<FileAggregateRoute>? Aggregates { get; init; }

    public FileGlobalConfiguration? GlobalConfiguration { get; init; }
}
