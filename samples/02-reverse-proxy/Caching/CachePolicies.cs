using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Samples.ReverseProxy;

/// <summary>
/// The operator's output-cache policies, from the "OutputCachePolicies"
/// section, registered with ASP.NET Core's output cache so that a route's
/// "OutputCachePolicy" can name one. Each policy keeps the cache's default rules
/// (GET and HEAD only, no credentials, only 200 responses without cookies),
/// lets the backend's caching headers shorten or forbid storage within it
/// (BackendCacheRules), and adds the Cache-Status header.
/// </summary>
public static class CachePolicies
{
    public const string Section = "OutputCachePolicies";

    public static IServiceCollection AddProxyOutputCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutputCachePolicies>()
            .Bind(configuration.GetSection(Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutputCachePolicies>, OutputCachePolicies.Validator>();
        services.AddOutputCache();
        // The backend's Cache-Control, Expires and Vary, within the policy (BackendCacheRules).
        services.AddSingleton<BackendCacheRules>();
        services.AddSingleton<ITransformProvider>(sp => sp.GetRequiredService<BackendCacheRules>());
        services.AddSingleton<LearnedVaryPolicy>();
        // Reading the policies runs their validator: YARP reads these options while it checks the routes,
        // before start-up validation would, so a bad Duration must fail here with its key.
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<OutputCachePolicies>>((cache, policies) =>
        {
            foreach (var (name, policy) in policies.Value)
            {
                cache.AddPolicy(name, builder =>
                {
                    builder.Expire(policy.Lifetime);
                    if (policy.VaryByQuery.Length > 0)
                    {
                        builder.SetVaryByQuery(policy.VaryByQuery);
                    }

                    if (policy.VaryByHeader.Length > 0)
                    {
                        builder.SetVaryByHeader(policy.VaryByHeader);
                    }

                    if (!policy.IgnoreBackendHeaders)
                    {
                        builder.AddPolicy<LearnedVaryPolicy>();
                    }

                    builder.AddPolicy<CacheStatusPolicy>();
                });
            }
        });
        return services;
    }
}

/// <summary>The "OutputCachePolicies" section: policy name → its settings.</summary>
public sealed class OutputCachePolicies : Dictionary<string, OutputCachePolicy>
{
    public OutputCachePolicies()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    internal sealed class Validator : IValidateOptions<OutputCachePolicies>
    {
        public ValidateOptionsResult Validate(string? name, OutputCachePolicies options)
        {
            var failures = options
                .Where(p => p.Value.Lifetime <= TimeSpan.Zero)
                .Select(p => $"{CachePolicies.Section}:{p.Key}:Duration: '{p.Value.Duration}' is not a positive time span such as 00:00:30")
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

/// <summary>One policy: how long a stored answer is served, and what splits entries.</summary>
public sealed class OutputCachePolicy
{
    /// <summary>
    /// A time span such as 00:00:30. Kept as written: the binder silently drops a
    /// dictionary entry whose value does not convert, and a dropped policy would
    /// surface as YARP's "policy not found" instead of naming this key.
    /// </summary>
    public string? Duration { get; set; }

    internal TimeSpan Lifetime => TimeSpan.TryParse(Duration, CultureInfo.InvariantCulture, out var lifetime) ? lifetime : TimeSpan.Zero;

    public string[] VaryByQuery { get; set; } = [];

    public string[] VaryByHeader { get; set; } = [];

    /// <summary>
    /// true: the backend's Cache-Control, Expires and Vary are not consulted and Duration alone
    /// decides (nginx's proxy_ignore_headers). Off by default.
    /// </summary>
    public bool IgnoreBackendHeaders { get; set; }
}
