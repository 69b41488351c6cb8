using Samples.Scaffolding;

namespace Samples.ReverseProxy;

/// <summary>
/// Reads the operator's output-cache policies from the "OutputCachePolicies"
/// section and registers them with ASP.NET Core's output cache, so that a
/// route's "OutputCachePolicy" can name one. Each policy keeps the cache's
/// default rules (GET and HEAD only, no credentials, only 200 responses without
/// cookies) and adds the Cache-Status header.
/// </summary>
public static class CachePolicies
{
    public const string Section = "OutputCachePolicies";

    public static IServiceCollection AddProxyOutputCache(this IServiceCollection services, IConfiguration configuration)
    {
        var policies = Read(configuration.GetSection(Section));
        services.AddOutputCache(options =>
        {
            foreach (var policy in policies)
            {
                options.AddPolicy(policy.Name, builder =>
                {
                    builder.Expire(policy.Duration);
                    if (policy.VaryByQuery.Length > 0)
                    {
                        builder.SetVaryByQuery(policy.VaryByQuery);
                    }

                    if (policy.VaryByHeader.Length > 0)
                    {
                        builder.SetVaryByHeader(policy.VaryByHeader);
                    }

                    builder.AddPolicy<CacheStatusPolicy>();
                });
            }
        });
        return services;
    }

    private static List<CachePolicy> Read(IConfigurationSection section)
    {
        var result = new List<CachePolicy>();
        foreach (var child in section.GetChildren())
        {
            var key = $"{Section}:{child.Key}:Duration";
            var raw = child["Duration"];
            if (raw is null || !TimeSpan.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var duration) || duration <= TimeSpan.Zero)
            {
                throw StartupException.ForKey(key, $"'{raw}' is not a positive time span such as 00:00:30");
            }

            result.Add(new CachePolicy(
                child.Key,
                duration,
                child.GetSection("VaryByQuery").Get<string[]>() ?? [],
                child.GetSection("VaryByHeader").Get<string[]>() ?? []));
        }

        return result;
    }

    private sealed record CachePolicy(string Name, TimeSpan Duration, string[] VaryByQuery, string[] VaryByHeader);
}
