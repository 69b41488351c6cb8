using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// Reads one JSON object of an Ocelot file while remembering which keys were
/// read, so that whatever is left over can be reported by its JSON path
/// instead of being silently ignored (the mistake Ocelot's own binder makes).
/// Keys match without regard to case, as ASP.NET Core configuration (which
/// Ocelot binds through) does.
/// </summary>
internal sealed partial class JsonObjectReader
{
    private readonly JsonObject _node;
    private readonly OcelotLoadContext _context;
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    public JsonObjectReader(JsonObject node, string path, OcelotLoadContext context)
    {
        _node = node;
        Path = path;
        _context = context;
    }

    public string Path { get; }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>
    /// Takes <paramref name="key"/>, or its deprecated name with a warning that
    /// names the new key. JSON null counts as absent. Returns the node and the
    /// path it was found at.
    /// </summary>
    public (JsonNode? Node, string Path, bool FromDeprecated) Take(string key, string? deprecatedKey = null, string? deprecationNote = null)
    {
        var current = Find(key);
        var old = deprecatedKey is null ? null : Find(deprecatedKey);
        if (current is not null && old is not null)
        {
            _context.Error(PathOf(old.Value.Key), $"deprecated twin of {key}; give only {key}");
            return (current.Value.Value, PathOf(current.Value.Key), false);
        }

        if (old is not null)
        {
            _context.Warn($"{PathOf(old.Value.Key)} is deprecated: use {PathOf(key)}{(deprecationNote is null ? string.Empty : " " + deprecationNote)}");
            return (old.Value.Value, PathOf(old.Value.Key), true);
        }

        return current is null ? (null, PathOf(key), false) : (current.Value.Value, PathOf(current.Value.Key), false);
    }

    public string? String(string key, string? deprecatedKey = null) => AsString(Take(key, deprecatedKey));

    public string? AsString((JsonNode? Node, string Path, bool FromDeprecated) taken)
    {
        var (node, path, _) = taken;
        if (node is null)
        {
            return null;
        }

        // Ocelot's own examples write "" for "not set", so an empty string counts as absent.
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        _context.Error(path, $"expected a string, found {Describe(node)}");
        return null;
    }

    public int? Int(string key, int min = int.MinValue, int max = int.MaxValue, string? deprecatedKey = null) =>
        AsInt(Take(key, deprecatedKey), min, max);

    public int? AsInt((JsonNode? Node, string Path, bool FromDeprecated) taken, int min = int.MinValue, int max = int.MaxValue)
    {
        var number = AsNumber(taken);
        if (number is null)
        {
            return null;
        }

        if (number.Value != Math.Floor(number.Value) || number.Value < min || number.Value > max)
        {
            _context.Error(taken.Path, max == int.MaxValue
                ? $"expected a whole number of at least {min}, found {number.Value.ToString(CultureInfo.InvariantCulture)}"
                : $"expected a whole number from {min} to {max}, found {number.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return (int)number.Value;
    }

    public double? AsNumber((JsonNode? Node, string Path, bool FromDeprecated) taken)
    {
        var (node, path, _) = taken;
        if (node is null)
        {
            return null;
        }

        // Configuration binding lets numbers arrive as strings ("Port": "5001"), so Ocelot files contain both.
        if (node is JsonValue value)
        {
            if (value.TryGetValue<double>(out var number))
            {
                return number;
            }

            if (value.TryGetValue<string>(out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }

        _context.Error(path, $"expected a number, found {Describe(node)}");
        return null;
    }

    public bool? Bool(string key, string? deprecatedKey = null) => AsBool(Take(key, deprecatedKey));

    public bool? AsBool((JsonNode? Node, string Path, bool FromDeprecated) taken)
    {
        var (node, path, _) = taken;
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.TryGetValue<bool>(out var flag))
            {
                return flag;
            }

            if (value.TryGetValue<string>(out var text) && bool.TryParse(text, out flag))
            {
                return flag;
            }
        }

        _context.Error(path, $"expected true or false, found {Describe(node)}");
        return null;
    }

    /// <summary>An array of strings (a single string is accepted as a one-element list, as configuration binding does for scalars).</summary>
    public IReadOnlyList<string> Strings(string key, string? deprecatedKey = null)
    {
        var (node, path, _) = Take(key, deprecatedKey);
        switch (node)
        {
            case null:
                return [];
            case JsonValue value when value.TryGetValue<string>(out var single):
                return string.IsNullOrWhiteSpace(single) ? [] : [single];
            case JsonArray array:
                var list = new List<string>(array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue item && item.TryGetValue<string>(out var text))
                    {
                        if (!string.IsNullOrWhiteSpace(text))
                        {
                            list.Add(text);
                        }
                    }
                    else
                    {
                        _context.Error($"{path}[{i}]", $"expected a string, found {Describe(array[i])}");
                    }
                }

                return list;
            default:
                _context.Error(path, $"expected an array of strings, found {Describe(node)}");
                return [];
        }
    }

    /// <summary>An object whose values are all strings, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StringMap(string key)
    {
        var (node, path, _) = Take(key);
        if (node is null)
        {
            return [];
        }

        if (node is not JsonObject obj)
        {
            _context.Error(path, $"expected an object of \"name\": \"value\" pairs, found {Describe(node)}");
            return [];
        }

        var list = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in obj)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                list.Add(new(name, text));
            }
            else
            {
                _context.Error($"{path}.{name}", $"expected a string, found {Describe(value)}");
            }
        }

        return list;
    }

    public JsonObjectReader? Object(string key, string? deprecatedKey = null)
    {
        var (node, path, _) = Take(key, deprecatedKey);
        if (node is null)
        {
            return null;
        }

        if (node is JsonObject obj)
        {
            return new JsonObjectReader(obj, path, _context);
        }

        _context.Error(path, $"expected an object, found {Describe(node)}");
        return null;
    }

    public IReadOnlyList<JsonObjectReader> Objects(string key)
    {
        var (node, path, _) = Take(key);
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            _context.Error(path, $"expected an array of objects, found {Describe(node)}");
            return [];
        }

        var readers = new List<JsonObjectReader>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject obj)
            {
                readers.Add(new JsonObjectReader(obj, $"{path}[{i}]", _context));
            }
            else
            {
                _context.Error($"{path}[{i}]", $"expected an object, found {Describe(array[i])}");
            }
        }

        return readers;
    }

    /// <summary>
    /// A duration written as Ocelot writes Period: a number and a unit
    /// ("500ms", "1s", "5m", "1h", "1d").
    /// </summary>
    public TimeSpan? Duration((JsonNode? Node, string Path, bool FromDeprecated) taken)
    {
        var text = AsString(taken);
        if (text is null)
        {
            return null;
        }

        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            _context.Error(taken.Path, $"expected a duration such as \"500ms\", \"1s\", \"5m\", \"1h\" or \"1d\", found \"{text}\"");
            return null;
        }

        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var duration = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return duration;
    }

    /// <summary>
    /// A whole number of milliseconds (Ocelot's unit for QoS and sticky-session
    /// times), where 0 means "not set", as in Ocelot's own examples.
    /// </summary>
    public TimeSpan? Milliseconds(string key, int min, string? deprecatedKey = null)
    {
        var taken = Take(key, deprecatedKey);
        var ms = AsInt(taken, min: 0);
        if (ms is null or 0)
        {
            return null;
        }

        if (ms < min)
        {
            _context.Error(taken.Path, $"must be 0 (not set) or at least {min} ms, found {ms}");
            return null;
        }

        return TimeSpan.FromMilliseconds(ms.Value);
    }

    /// <summary>Reports every key nobody asked for: unknown, or known to Ocelot but not supported here (with the reason).</summary>
    public void RejectUnread(IReadOnlyDictionary<string, string>? unsupported = null)
    {
        foreach (var (key, _) in _node)
        {
            if (_taken.Contains(key))
            {
                continue;
            }

            if (unsupported is not null && unsupported.TryGetValue(key, out var why))
            {
                // Files generated from Ocelot's full example carry every key with an empty value; those ask for nothing.
                if (IsEmpty(_node[key]))
                {
                    _context.Warn($"{PathOf(key)} is ignored: its value is empty, and this gateway does not support it ({why})");
                }
                else
                {
                    _context.Error(PathOf(key), $"Ocelot key not supported by this gateway: {why}");
                }
            }
            else
            {
                _context.Error(PathOf(key), "unknown key (not an Ocelot key this gateway supports; check its spelling)");
            }
        }
    }

    public void Error(string key, string reason) => _context.Error(PathOf(key), reason);

    public void Warn(string message) => _context.Warn(message);

    /// <summary>null, "", false, 0, [] or an object whose values are all empty.</summary>
    public static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.All(p => IsEmpty(p.Value)),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>().Length == 0,
            JsonValueKind.False or JsonValueKind.Null => true,
            JsonValueKind.Number => value.GetValue<double>() == 0,
            _ => false,
        },
        _ => false,
    };

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"\"{v}\"",
            JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };

    private KeyValuePair<string, JsonNode?>? Find(string key)
    {
        foreach (var pair in _node)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                _taken.Add(pair.Key);
                return pair.Value is null ? null : pair;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h|d)$")]
    private static partial Regex DurationPattern();
}
