using System.Text.Json;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>"HttpHandlerOptions", as written. The tuning keys are read only to be named in a warning.</summary>
public sealed class FileHttpHandlerOptions : FileObject
{
    public bool? AllowAutoRedirect { get; init; }

    public bool? UseCookieContainer { get; init; }

    public JsonElement? UseTracing { get; init; }

    public JsonElement? UseProxy { get; init; }

    public JsonElement? MaxConnectionsPerServer { get; init; }

    public JsonElement? PooledConnectionLifetimeSeconds { get; init; }
}
