using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>
/// Base of every object in the file. Keys that match no property land in
/// <see cref="OtherKeys"/> instead of being dropped, so the validator can name
/// each one: unknown (a typo), or an Ocelot key this gateway does not run.
/// </summary>
public abstract record FileObject
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherKeys { get; set; }
}
