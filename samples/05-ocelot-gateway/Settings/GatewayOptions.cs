using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.RateLimiterPolicies;

namespace Samples.OcelotGateway.Settings;

/// <summary>
/// The "Gateway" section of appsettings.json (or --Gateway:Key=value): where
/// the Ocelot file is, the "Bearer" provider's keys, and the scale-out.
/// Checked when the gateway starts by <see cref="GatewayOptionsValidator"/>.
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Another Ocelot file instead of the sample's ocelot.json; relative paths start at the content root.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The "Bearer" authentication provider: HS256 tokens with this iss and aud.</summary>
    public GatewayJwtOptions Jwt { get; set; } = new();

    /// <summary>Named ASP.NET Core rate-limiter policies, for routes with "RateLimitMiddlewareType": "DotNet".</summary>
    public Dictionary<string, RateLimiterPolicyOptions> RateLimiterPolicies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>false: the Ocelot file is read once, at start-up; edits need a restart.</summary>
    public bool HotReload { get; set; } = true;

    /// <summary>A StackExchange.Redis connection string ("127.0.0.1:6379"); empty keeps counters and cached answers in memory.</summary>
    public string? Redis { get; set; }

    /// <summary>How many gateway instances to run: 1, or 2 for a second process on 8086.</summary>
    public int Instances { get; set; } = 1;

    /// <summary>Set by the first instance on the second: the process whose end ends this one too.</summary>
    public int? FirstInstance { get; set; }

    /// <summary>The Ocelot file to read: ConfigFile, or ocelot.json in the content root.</summary>
    public string ConfigFilePath(string contentRoot) => ConfigFile is { Length: > 0 } file
        ? Path.GetFullPath(file, contentRoot)
        : Path.Combine(contentRoot, OcelotConfigLoader.DefaultFileName);
}

/// <summary>Gateway:Jwt: what every token must carry, and the key it must be signed with.</summary>
public sealed class GatewayJwtOptions
{
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>HS256 signs with a 256-bit key: at least 32 bytes of UTF-8.</summary>
    public string? SigningKey { get; set; }
}
