using Samples.Scaffolding;
using Yarp.ReverseProxy.LoadBalancing;

namespace Samples.LoadBalancing;

/// <summary>
/// Turns YARP's refusal of a bad "ReverseProxy" section into the suite's one
/// line naming the key, instead of an unhandled exception and a stack trace.
/// </summary>
public static class ProxyConfigurationCheck
{
    /// <summary>Every cluster's LoadBalancingPolicy must name a registered policy (the five built-in ones or ours).</summary>
    public static void RequireKnownPolicies(IConfiguration configuration, IEnumerable<ILoadBalancingPolicy> policies)
    {
        var known = policies.Select(p => p.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var cluster in configuration.GetSection("ReverseProxy:Clusters").GetChildren())
        {
            var name = cluster["LoadBalancingPolicy"];
            if (!string.IsNullOrEmpty(name) && !known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw StartupException.ForKey(
                    $"ReverseProxy:Clusters:{cluster.Key}:LoadBalancingPolicy",
                    $"'{name}' is not a load-balancing policy; use one of {string.Join(", ", known)}");
            }
        }
    }

    /// <summary>Runs <paramref name="map"/> (MapReverseProxy, which loads the section) and reports a refusal as a StartupException.</summary>
    public static void Load(Action map)
    {
        try
        {
            map();
        }
        catch (InvalidOperationException ex) when (ex.InnerException is not null)
        {
            var reasons = ex.InnerException is AggregateException all
                ? all.InnerExceptions.Select(e => e.Message)
                : [ex.InnerException.Message];
            throw StartupException.ForKey("ReverseProxy", string.Join(" ", reasons));
        }
    }
}
