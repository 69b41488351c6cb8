namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>
/// The file's model: ocelot.json as written, one record per kind of object,
/// with Ocelot's key names (the serializer matches them in any case) and
/// Ocelot's type names (FileRoute, FileQoSOptions, ...). Everything is
/// nullable, because a key left out and a key set to null both mean "not set";
/// the validator decides what that means. Lists also accept one string, as
/// configuration binding does (<see cref="StringListConverter"/>).
/// </summary>
public sealed record FileConfiguration(List<FileRoute?>? Routes, List<FileAggregateRoute?>? Aggregates, FileGlobalConfiguration? GlobalConfiguration) : FileObject;

/// <summary>"GlobalConfiguration": settings for every route.</summary>
public sealed record FileGlobalConfiguration(string? BaseUrl, string? RequestIdKey, FileRateLimitOptions? RateLimitOptions, FileHttpHandlerOptions? HttpHandlerOptions) : FileObject;

/// <summary>One entry of "Aggregates".</summary>
public sealed record FileAggregateRoute(string? UpstreamPathTemplate, List<string>? RouteKeys, List<string>? UpstreamHost, int? Priority) : FileObject;
