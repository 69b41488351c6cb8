using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Samples.OcelotGateway.Configuration.FileModel;

namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// Turns the serializer's JsonException ("$.Routes[2].DownstreamHostAndPorts[0].Port",
/// "could not be converted to System.Nullable`1[System.Int32]") into the
/// loader's error shape: the path as the file's model spells it, and what was
/// expected and found ("Routes[2].DownstreamHostAndPorts[0].Port: expected a
/// number, found \"eighty\""). What was expected comes from the generated
/// metadata of the property at that path, what was found from the file.
/// </summary>
internal static partial class OcelotJsonErrors
{
    public static OcelotConfigError From(JsonException exception, JsonNode root)
    {
        var subPath = exception.Data[JsonValueText.SubPathKey] as string ?? string.Empty;
        var segments = Segments().Matches((exception.Path ?? "$") + subPath).Select(m => m.Groups["name"].Success ? (Name: m.Groups["name"].Value, Index: -1) : (Name: (string?)null, Index: int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)));

        var path = string.Empty;
        JsonTypeInfo? info = OcelotFileJsonContext.Default.FileConfiguration;
        JsonNode? node = root;
        foreach (var (name, index) in segments)
        {
            if (name is null)
            {
                path += $"[{index}]";
                node = node is JsonArray array && index < array.Count ? array[index] : null;
                info = Element(info);
                continue;
            }

            var property = info?.Kind == JsonTypeInfoKind.Object
                ? info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                : null;
            var key = property?.Name ?? name;
            path = path.Length == 0 ? key : $"{path}.{key}";
            node = node is JsonObject obj ? obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value : null;
            info = property is not null ? TypeInfo(property.PropertyType) : Element(info);
        }

        var reason = exception.Data[JsonValueText.ReasonKey] as string
            ?? $"expected {Expected(info, node)}, found {JsonValueText.Describe(node)}";
        return new OcelotConfigError(path.Length == 0 ? "$" : path, reason);
    }

    private static JsonTypeInfo? Element(JsonTypeInfo? info) =>
        info is { Kind: JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary, ElementType: { } element } ? TypeInfo(element) : null;

    private static JsonTypeInfo? TypeInfo(Type type) => OcelotFileJsonContext.Default.GetTypeInfo(type);

    private static string Expected(JsonTypeInfo? info, JsonNode? found)
    {
        var type = info is null ? null : Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return info?.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Dictionary => "an object of \"name\": \"value\" pairs",
            JsonTypeInfoKind.Object => "an object",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) && found?.GetValueKind() == JsonValueKind.Number => "a whole number",
            _ when type == typeof(int) || type == typeof(double) => "a number",
            _ => "another kind of value",
        };
    }

    // "$.Routes[2].Port", "$['X-A']", "[0]": one match per property name or array index.
    [System.Text.RegularExpressions.GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<name>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial System.Text.RegularExpressions.Regex Segments();
}
