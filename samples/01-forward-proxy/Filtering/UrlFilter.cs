using System.Text.RegularExpressions;

namespace Samples.ForwardProxy;

/// <summary>
/// Blocks by regular expressions over the absolute URL. This only works for
/// plain HTTP: inside a CONNECT tunnel the path is encrypted, so the proxy has
/// nothing but host and port to judge by.
/// </summary>
public sealed class UrlFilter(IReadOnlyList<Regex> patterns)
{
    // A pattern written by a person runs on every request's URL: a time limit
    // keeps one catastrophic backtracking case from stalling the proxy.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    public IReadOnlyList<Regex> Patterns { get; } = patterns;

    /// <summary>The filter for a configured list (already checked at start-up).</summary>
    public static UrlFilter From(SettingList patterns) =>
        new([.. patterns.Values().Select(Compile)]);

    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>The first pattern that matches <paramref name="url"/>, or null when the URL is allowed.</summary>
    public string? Match(Uri url)
    {
        var text = url.AbsoluteUri;
        foreach (var pattern in Patterns)
        {
            try
            {
                if (pattern.IsMatch(text))
                {
                    return pattern.ToString();
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern that cannot decide in time blocks: failing closed is the safe side for a filter.
                return pattern.ToString();
            }
        }

        return null;
    }
}
