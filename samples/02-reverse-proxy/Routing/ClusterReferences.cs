using Microsoft.Extensions.Options;

namespace Samples.ReverseProxy;

/// <summary>
/// YARP accepts a route whose ClusterId names no cluster and answers 503 on it
/// at run time; a typo there is a configuration mistake, so it stops start-up
/// like any other. Reads only the route and cluster names of YARP's section.
/// </summary>
public sealed class ClusterReferences
{
    public Dictionary<string, RouteReference> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, ClusterName> Clusters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class RouteReference
    {
        public string? ClusterId { get; set; }
    }

    /// <summary>Only the name (the section's key) matters here.</summary>
    public sealed class ClusterName;

    internal sealed class Validator : IValidateOptions<ClusterReferences>
    {
        public ValidateOptionsResult Validate(string? name, ClusterReferences options)
        {
            var failures = options.Routes
                .Where(r => !string.IsNullOrEmpty(r.Value.ClusterId) && !options.Clusters.ContainsKey(r.Value.ClusterId))
                .Select(r => $"ReverseProxy:Routes:{r.Key}:ClusterId: '{r.Value.ClusterId}' names no cluster under ReverseProxy:Clusters")
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

public static class ClusterReferenceExtensions
{
    public static IReverseProxyBuilder CheckClusterReferences(this IReverseProxyBuilder proxy, IConfigurationSection section)
    {
        proxy.Services.AddOptions<ClusterReferences>().Bind(section).ValidateOnStart();
        proxy.Services.AddSingleton<IValidateOptions<ClusterReferences>, ClusterReferences.Validator>();
        return proxy;
    }
}
