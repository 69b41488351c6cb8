namespace Samples.ForwardProxy;

/// <summary>
/// Blocks by host name, the one thing a proxy sees of every request, plain or
/// tunnelled. A pattern is either exact ("ads.example") or a wildcard
/// ("*.tracker.example"), which matches the name itself and every name under it,
/// as Squid's ".tracker.example" does.
/// </summary>
public sealed class HostFilter(IReadOnlyList<string> patterns)
{
    public IReadOnlyList<string> Patterns { get; } = patterns;

    /// <summary>The first pattern that matches <paramref name="host"/>, or null when the host is allowed.</summary>
    public string? Match(string host)
    {
        var name = Normalize(host);
        foreach (var pattern in Patterns)
        {
            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                var domain = pattern[2..];
                if (name == domain || name.EndsWith("." + domain, StringComparison.Ordinal))
                {
                    return pattern;
                }
            }
            else if (name == pattern)
            {
                return pattern;
            }
        }

        return null;
    }

    /// <summary>The filter for a configured list (already checked at start-up by <see cref="Problems"/>).</summary>
    public static HostFilter From(SettingList patterns) =>
        new([.. patterns.Values().Select(Normalize)]);

    /// <summary>Every pattern in <paramref name="patterns"/> that is not one, with its full key.</summary>
    public static IEnumerable<string> Problems(SettingList patterns, string key) =>
        patterns.Entries(key)
            .Select(entry => TryNormalize(entry.Value, out _, out var problem) ? null : $"{entry.Key}: {problem}")
            .OfType<string>();

    /// <summary>Checks a configured pattern and brings it to the form <see cref="Match"/> compares.</summary>
    public static bool TryNormalize(string pattern, out string normalized, out string problem)
    {
        normalized = Normalize(pattern);
        var name = normalized.StartsWith("*.", StringComparison.Ordinal) ? normalized[2..] : normalized;
        var labels = name.Split('.');
        if (name.Length == 0 || name.Length > 253 || labels.Any(l => l.Length is 0 or > 63 || !l.All(IsNameChar) || l[0] == '-' || l[^1] == '-'))
        {
            problem = $"'{pattern}' is not a host pattern (a host name such as ads.example, or *.tracker.example for a domain and everything under it)";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    // Names compare case-insensitively and without a trailing root dot; IPv6 literals lose their brackets.
    private static string Normalize(string host) =>
        host.Trim().TrimEnd('.').Trim('[', ']').ToLowerInvariant();

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':';
}
