using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>
/// The serializer's code for the file's types, generated at build time (no
/// reflection, so the gateway can be published with Native AOT). The options
/// are the leniencies Ocelot users rely on: comments, trailing commas, any
/// case in key names ("upstreamPathTemplate"), numbers written as strings,
/// true/false as strings, and one string where a list is expected.
/// </summary>
[JsonSourceGenerationOptions(
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(LenientBoolConverter), typeof(StringListConverter)])]
[JsonSerializable(typeof(FileConfiguration))]
internal sealed partial class OcelotFileJsonContext : JsonSerializerContext;
