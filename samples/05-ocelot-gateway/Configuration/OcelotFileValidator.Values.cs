using System.Text.RegularExpressions;
using Samples.OcelotGateway.Configuration.FileModel;

namespace Samples.OcelotGateway.Configuration;

/// <summary>The checks every part of the file shares: leftover keys, renamed keys, ranges, durations, header names.</summary>
internal sealed partial class OcelotFileValidator
{
    private static string At(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    // Ocelot's own examples write "" for "not set", so a blank string counts as absent.
    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>
    /// Reports every key the model has no property for: an Ocelot key this
    /// gateway ignores (a warning), refuses (an error saying why, unless its
    /// value is empty), or a key in no Ocelot release (an error naming the
    /// nearest real key, when one is near).
    /// </summary>
    private void RejectOtherKeys(FileObject obj, string path, IReadOnlyDictionary<string, OcelotUnsupportedKeys.Verdict>? unsupported = null)
    {
        foreach (var (key, value) in obj.OtherKeys ?? [])
        {
            if (unsupported is not null && unsupported.TryGetValue(key, out var verdict))
            {
                if (verdict.Ignored)
                {
                    context.Warn($"{At(path, key)} is ignored: {verdict.Why}");
                }
                else if (JsonValueText.IsEmpty(value))
                {
                    // Files generated from Ocelot's full example carry every key with an empty value; those ask for nothing.
                    context.Warn($"{At(path, key)} is ignored: its value is empty, and this gateway does not support it ({verdict.Why})");
                }
                else
                {
                    context.Error(At(path, key), $"Ocelot key not supported by this gateway: {verdict.Why}");
                }
            }
            else
            {
                var known = OcelotFileJsonContext.Default.GetTypeInfo(obj.GetType())!.Properties
                    .Where(p => !p.IsExtensionData).Select(p => p.Name).Concat(unsupported?.Keys ?? []);
                var nearest = KeySuggestions.Nearest(key, known);
                context.Error(At(path, key), nearest is null
                    ? "unknown key (not an Ocelot key this gateway supports; check its spelling)"
                    : $"unknown key; did you mean {nearest}?");
            }
        }
    }

    /// <summary>
    /// Whether the deprecated <paramref name="oldKey"/> is the one to use: it
    /// is, with a warning naming <paramref name="key"/>, when only it is given;
    /// both together are an error.
    /// </summary>
    private bool UseOld(string path, string key, bool hasCurrent, string oldKey, bool hasOld, string? note = null)
    {
        if (hasCurrent && hasOld)
        {
            context.Error(At(path, oldKey), $"deprecated twin of {key}; give only {key}");
            return false;
        }

        if (hasOld)
        {
            context.Warn($"{At(path, oldKey)} is deprecated: use {At(path, key)}{(note is null ? string.Empty : " " + note)}");
        }

        return hasOld;
    }

    private T? Renamed<T>(string path, string key, T? current, string oldKey, T? old) =>
        UseOld(path, key, current is not null, oldKey, old is not null) ? old : current;

    private int? Range(string path, int? value, int min, int max = int.MaxValue)
    {
        if (value is null || (value >= min && value <= max))
        {
            return value;
        }

        context.Error(path, max == int.MaxValue
            ? $"expected a whole number of at least {min}, found {value}"
            : $"expected a whole number from {min} to {max}, found {value}");
        return null;
    }

    /// <summary>A whole number of milliseconds (Ocelot's unit for QoS and sticky-session times), where 0 means "not set".</summary>
    private TimeSpan? Milliseconds(string path, int? ms, int min)
    {
        ms = Range(path, ms, min: 0);
        if (ms is null or 0)
        {
            return null;
        }

        if (ms < min)
        {
            context.Error(path, $"must be 0 (not set) or at least {min} ms, found {ms}");
            return null;
        }

        return TimeSpan.FromMilliseconds(ms.Value);
    }

    /// <summary>A duration written as Ocelot writes Period: a number and a unit ("500ms", "1s", "5m", "1h", "1d").</summary>
    private TimeSpan? Duration(string path, string? text)
    {
        if (Text(text) is null)
        {
            return null;
        }

        var duration = OcelotRateLimitOptions.ParseDuration(text!);
        if (duration is null)
        {
            context.Error(path, $"expected a duration such as \"500ms\", \"1s\", \"5m\", \"1h\" or \"1d\", found \"{text}\"");
        }

        return duration;
    }

    private string? HeaderName(string path, string? name)
    {
        name = Text(name);
        if (name is not null && !TokenPattern().IsMatch(name))
        {
            context.Error(path, $"\"{name}\" is not a valid header name");
            return null;
        }

        return name;
    }

    /// <summary>The entries of an array of objects with their positions; a null entry is an error, not a crash.</summary>
    private IEnumerable<(T Item, int Index)> Entries<T>(string path, List<T?>? list)
        where T : class
    {
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            if (list![i] is { } item)
            {
                yield return (item, i);
            }
            else
            {
                context.Error($"{path}[{i}]", "expected an object, found null");
            }
        }
    }

    /// <summary>An object of "name": "value" pairs, in file order.</summary>
    private List<KeyValuePair<string, string>> Map(string path, string key, Dictionary<string, string?>? map)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in map ?? [])
        {
            if (value is null)
            {
                context.Error($"{At(path, key)}.{name}", "expected a string, found null");
            }
            else
            {
                list.Add(new(name, value));
            }
        }

        return list;
    }

    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9.\-]+(:\d{1,5})?$")]
    private static partial Regex HostPattern();
}
