using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>
/// A list of strings, or one string standing for a list of one, as
/// configuration binding (which Ocelot reads its file through) accepts.
/// Blank entries are dropped: Ocelot's examples write "" for "none".
/// </summary>
public sealed class StringListConverter : JsonConverter<List<string>>
{
    public override List<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var single = reader.GetString();
            return string.IsNullOrWhiteSpace(single) ? [] : [single];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonValueText.Mistake($"expected an array of strings, found {JsonValueText.Describe(ref reader)}");
        }

        var list = new List<string>();
        for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw JsonValueText.Mistake($"expected a string, found {JsonValueText.Describe(ref reader)}", $"[{i}]");
            }

            var text = reader.GetString();
            if (!string.IsNullOrWhiteSpace(text))
            {
                list.Add(text);
            }
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        value.ForEach(writer.WriteStringValue);
        writer.WriteEndArray();
    }
}
