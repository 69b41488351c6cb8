using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>How a value found in the file is quoted in an error ("found \"high\"", "found an array").</summary>
internal static class JsonValueText
{
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        JsonTokenType.Null => "null",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
    };

    public static string Describe(JsonElement? element) => element?.ValueKind switch
    {
        null or JsonValueKind.Null or JsonValueKind.Undefined => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"\"{element.Value.GetString()}\"",
        _ => element.Value.GetRawText(),
    };

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"\"{v.GetValue<string>()}\"",
        _ => node.ToJsonString(),
    };

    /// <summary>null, "", false, 0, [] or an object whose values are all empty: a key that asks for nothing.</summary>
    public static bool IsEmpty(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => true,
        JsonValueKind.String => element.GetString()!.Length == 0,
        JsonValueKind.Number => element.GetDouble() == 0,
        JsonValueKind.Array => element.GetArrayLength() == 0,
        JsonValueKind.Object => element.EnumerateObject().All(p => IsEmpty(p.Value)),
        _ => false,
    };

    /// <summary>
    /// A JsonException whose message is the reason to show; <paramref name="subPath"/>
    /// (e.g. "[1]") is added to the path the serializer reports, which stops at the property.
    /// </summary>
    public static JsonException Mistake(string reason, string subPath = "")
    {
        var exception = new JsonException(reason);
        exception.Data[ReasonKey] = reason;
        exception.Data[SubPathKey] = subPath;
        return exception;
    }

    public const string ReasonKey = "OcelotReason";

    public const string SubPathKey = "OcelotSubPath";
}
