using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Health;

namespace Samples.LoadBalancing.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the "LoadBalancing" section (and its TransportFailureRate part, YARP's
    /// passive-check window) and checks both when the sample starts.
    /// </summary>
    public static IServiceCollection AddLoadBalancingSettings(this IServiceCollection services)
    {
        services.AddOptions<LoadBalancingOptions>()
            .BindConfiguration(LoadBalancingOptions.Section)
            .ValidateOnStart();
        services.AddOptions<TransportFailureRateHealthPolicyOptions>()
            .BindConfiguration(LoadBalancingOptionsValidator.TransportFailureRateSection)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LoadBalancingOptions>, LoadBalancingOptionsValidator>();
        services.AddSingleton<IValidateOptions<TransportFailureRateHealthPolicyOptions>, LoadBalancingOptionsValidator>();
        return services;
    }
}
