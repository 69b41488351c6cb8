using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>"AuthenticationOptions", as written.</summary>
public sealed class FileAuthenticationOptions : FileObject
{
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? AuthenticationProviderKeys { get; init; }

    /// <summary>Deprecated name of AuthenticationProviderKeys (one key).</summary>
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? AuthenticationProviderKey { get; init; }

    [JsonConverter(typeof(StringListConverter))]
    public List<string>? AllowedScopes { get; init; }
}
