namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// One "AddHeadersToRequest" entry, Ocelot's small language
/// "Claims[sub] > value" or "Claims[loc] > value[1] > |" (split the claim's
/// value on the delimiter and take that index).
/// </summary>
public sealed record OcelotClaimToHeader(string HeaderName, string ClaimType, int? Index, string? Delimiter)
{
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
}
