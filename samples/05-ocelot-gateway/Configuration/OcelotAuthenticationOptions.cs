namespace Samples.OcelotGateway.Configuration;

/// <summary>"AuthenticationOptions": which authentication schemes may vouch for the caller, and the scopes it must hold.</summary>
public sealed record OcelotAuthenticationOptions
{
    public IReadOnlyList<string> AuthenticationProviderKeys { get; init; } = [];

    /// <summary>When not empty, the token's "scope" claim must hold at least one of these.</summary>
    public IReadOnlyList<string> AllowedScopes { get; init; } = [];
}
