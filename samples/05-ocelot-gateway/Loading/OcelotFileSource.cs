using Samples.OcelotGateway.Auth;
using Samples.OcelotGateway.Configuration;

namespace Samples.OcelotGateway.Loading;

/// <summary>Where the Ocelot file in force comes from, and how to read it again (at start-up and on every edit).</summary>
public sealed record OcelotFileSource(string Path, string EnvironmentName, IReadOnlyCollection<string>? RateLimiterPolicies = null)
{
    /// <summary>
    /// The file, with ocelot.{Environment}.json laid over it; "Bearer" is the one provider key the gateway knows,
    /// and the rate-limiter policies are those of Gateway:RateLimiterPolicies.
    /// </summary>
    public OcelotLoadResult Load() => OcelotConfigLoader.Load(Path, EnvironmentName, [GatewayJwt.ProviderKey], RateLimiterPolicies);
}
