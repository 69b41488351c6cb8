using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>true/false, also written as the strings "true"/"false" (configuration binding accepts both).</summary>
public sealed class LenientBoolConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String when bool.TryParse(reader.GetString(), out var flag) => flag,
        _ => throw JsonValueText.Mistake($"expected true or false, found {JsonValueText.Describe(ref reader)}"),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
