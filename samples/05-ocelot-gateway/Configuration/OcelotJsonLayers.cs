using System.Text.Json.Nodes;

namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// What happens to the parsed JSON before the serializer sees it: a key given
/// twice is refused, and the environment file is laid over the main one.
/// </summary>
internal static class OcelotJsonLayers
{
    /// <summary>A key given twice in one object (keys ignore case) would leave one of its values silently unused.</summary>
    public static bool HasDuplicateKeys(JsonNode? node, string path, string source, OcelotLoadContext context)
    {
        switch (node)
        {
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>> pairs;
                try
                {
                    pairs = [.. obj];
                }
                catch (ArgumentException)
                {
                    context.Error(path, $"a key appears twice in this object of {source}");
                    return true;
                }

                var duplicate = pairs.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    context.Error(path == "$" ? duplicate.Key : $"{path}.{duplicate.Key}", $"the key appears twice (keys ignore case) in {source}");
                    return true;
                }

                return pairs.Any(p => HasDuplicateKeys(p.Value, path == "$" ? p.Key : $"{path}.{p.Key}", source, context));
            case JsonArray array:
                return array.Select((item, i) => HasDuplicateKeys(item, $"{path}[{i}]", source, context)).Any(b => b);
            default:
                return false;
        }
    }

    /// <summary>
    /// Lays <paramref name="overlay"/> over <paramref name="target"/> the way
    /// ASP.NET Core configuration layers JSON files: a later file's value wins
    /// key by key (keys ignore case), and arrays merge by position.
    /// </summary>
    public static void Merge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay.ToList())
        {
            var existingKey = target.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            var existing = existingKey is null ? null : target[existingKey];
            if (existing is JsonObject targetObject && value is JsonObject overlayObject)
            {
                Merge(targetObject, overlayObject);
            }
            else if (existing is JsonArray targetArray && value is JsonArray overlayArray)
            {
                for (var i = 0; i < overlayArray.Count; i++)
                {
                    var item = overlayArray[i]?.DeepClone();
                    if (i < targetArray.Count && targetArray[i] is JsonObject a && item is JsonObject b)
                    {
                        Merge(a, b);
                    }
                    else if (i < targetArray.Count)
                    {
                        targetArray[i] = item;
                    }
                    else
                    {
                        targetArray.Add(item);
                    }
                }
            }
            else
            {
                if (existingKey is not null)
                {
                    target.Remove(existingKey);
                }

                target[key] = value?.DeepClone();
            }
        }
    }
}
