using System.Globalization;
using System.Text.RegularExpressions;

namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// One "AddHeadersToRequest" entry, Ocelot's small language
/// "Claims[sub] > value" or "Claims[loc] > value[1] > |" (split the claim's
/// value on the delimiter and take that index).
/// </summary>
public sealed partial record OcelotClaimToHeader(string HeaderName, string ClaimType, int? Index, string? Delimiter)
{
    /// <summary>Reads one entry, or null when <paramref name="expression"/> is not in Ocelot's claim language.</summary>
    public static OcelotClaimToHeader? TryParse(string headerName, string expression)
    {
        var match = Expression().Match(expression);
        if (!match.Success)
        {
            return null;
        }

        int? index = match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) : null;
        var delimiter = match.Groups["delimiter"].Success ? match.Groups["delimiter"].Value : null;
        return new OcelotClaimToHeader(headerName, match.Groups["claim"].Value.Trim(), index, delimiter);
    }

    /// <summary>The value to send, or null when the user has no such claim (or the index is out of range).</summary>
    public string? ValueFrom(System.Security.Claims.ClaimsPrincipal user)
    {
        var claim = user.FindFirst(ClaimType)?.Value;
        if (claim is null || Index is null)
        {
            return claim;
        }

        var parts = claim.Split(Delimiter ?? "|");
        return Index.Value < parts.Length ? parts[Index.Value] : null;
    }

    [GeneratedRegex(@"^\s*Claims\[(?<claim>[^\]]+)\]\s*>\s*value(?:\s*\[(?<index>\d+)\]\s*>\s*(?<delimiter>\S+))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Expression();
}
