using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.LoadBalancing;

namespace Samples.LoadBalancing.Policies;

/// <summary>
/// Checks YARP does not make in the suite's words, when the sample starts:
/// every cluster names a policy that exists, and every weight is a whole number
/// in range (instead of silently counting as 1). Each failure names its full key.
/// </summary>
public sealed class ClusterPoliciesValidator(IEnumerable<ILoadBalancingPolicy> policies) : IValidateOptions<ClusterPolicies>
{
    public ValidateOptionsResult Validate(string? name, ClusterPolicies options)
    {
        var known = policies.Select(p => p.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var failures = new List<string>();
        foreach (var (clusterId, cluster) in options.Clusters)
        {
            var key = $"{ClusterPolicies.Section}:Clusters:{clusterId}";
            if (!string.IsNullOrEmpty(cluster.LoadBalancingPolicy) && !known.Contains(cluster.LoadBalancingPolicy, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{key}:LoadBalancingPolicy: '{cluster.LoadBalancingPolicy}' is not a load-balancing policy; use one of {string.Join(", ", known)}");
            }

            foreach (var (destinationId, destination) in cluster.Destinations)
            {
                if (destination.Metadata.TryGetValue(WeightedRoundRobinPolicy.WeightKey, out var weight) && weight is not null
                    && !WeightedRoundRobinPolicy.TryParseWeight(weight, out _))
                {
                    failures.Add($"{key}:Destinations:{destinationId}:Metadata:{WeightedRoundRobinPolicy.WeightKey}: '{weight}' is not a whole number from 1 to {WeightedRoundRobinPolicy.MaxWeight}");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
