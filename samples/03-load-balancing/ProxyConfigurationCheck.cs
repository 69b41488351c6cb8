using Samples.Scaffolding;
using Yarp.ReverseProxy.LoadBalancing;

namespace Samples.LoadBalancing;

/// <summary>
/// Checks YARP cannot make itself: that every cluster names a policy that
/// exists, reported as the suite's one line naming the key.
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
}
