using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.LoadBalancing;

namespace Samples.LoadBalancing.Policies;

public static class PoliciesServiceCollectionExtensions
{
    /// <summary>
    /// Adds "WeightedRoundRobin" beside YARP's five policies, and checks at start
    /// that every cluster names a known policy and that every weight is valid.
    /// </summary>
    public static IServiceCollection AddWeightedRoundRobinPolicy(this IServiceCollection services)
    {
        services.AddSingleton<ILoadBalancingPolicy, WeightedRoundRobinPolicy>();
        services.AddOptions<ClusterPolicies>().BindConfiguration(ClusterPolicies.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterPolicies>, ClusterPoliciesValidator>();
        return services;
    }
}
