using System.Text.RegularExpressions;

namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// Ocelot's path templates ("/api/{version}/items/{everything}") and what they
/// become in ASP.NET Core routing, which YARP matches with. A placeholder
/// matches one path segment, except the last one when it closes the template:
/// that one takes the rest of the path, slashes included, which is why Ocelot
/// users name it {everything}. It becomes a catch-all {**everything}.
/// </summary>
public static partial class OcelotPathTemplate
{
    /// <summary>The placeholder names in order, without braces.</summary>
    public static IReadOnlyList<string> Placeholders(string template) =>
        [.. PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value)];

    /// <summary>Why <paramref name="template"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string template, bool upstream)
    {
        if (!template.StartsWith('/'))
        {
            return "must start with '/'";
        }

        if (upstream && (template.Contains('?', StringComparison.Ordinal) || template.Contains('#', StringComparison.Ordinal)))
        {
            return "a query or fragment in an upstream template is not supported (match on the path only)";
        }

        var path = upstream ? template : template.Split('?')[0];
        var withoutPlaceholders = PlaceholderPattern().Replace(path, "x");
        if (withoutPlaceholders.Contains('{', StringComparison.Ordinal) || withoutPlaceholders.Contains('}', StringComparison.Ordinal))
        {
            return "placeholders are written {name}, with letters, digits, '_' or '-' in the name";
        }

        if (path.Contains("}{", StringComparison.Ordinal))
        {
            return "two placeholders must be separated by a literal (\"{a}-{b}\", not \"{a}{b}\")";
        }

        var names = Placeholders(path);
        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : $"placeholder {{{duplicate.Key}}} appears twice";
    }

    /// <summary>The catch-all placeholder's name, when the template ends with a whole-segment placeholder.</summary>
    public static string? CatchAll(string upstreamTemplate)
    {
        var match = TrailingPlaceholderPattern().Match(upstreamTemplate);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>
    /// Ocelot's special case: a template that is one slash and one placeholder
    /// ("/{url}") catches every path and always ranks below every other route.
    /// </summary>
    public static bool IsRootCatchAll(string upstreamTemplate) => CatchAll(upstreamTemplate) is { } name && upstreamTemplate == $"/{{{name}}}";

    /// <summary>The ASP.NET Core route pattern YARP matches with.</summary>
    public static string ToRoutePattern(string upstreamTemplate)
    {
        var catchAll = CatchAll(upstreamTemplate);
        if (catchAll is null)
        {
            return upstreamTemplate;
        }

        var prefix = upstreamTemplate[..upstreamTemplate.LastIndexOf('{')];
        return $"{prefix}{{**{catchAll}}}";
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_\-]+)\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"/\{([A-Za-z0-9_\-]+)\}$")]
    private static partial Regex TrailingPlaceholderPattern();
}
