using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Samples.OcelotGateway.Settings;

/// <summary>Binds the Gateway section and checks it when the gateway starts, before anything uses it.</summary>
public static class GatewaySettingsExtensions
{
    public static IServiceCollection AddGatewaySettings(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        return services;
    }
}
