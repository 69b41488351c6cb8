namespace Samples.OcelotGateway.Loading;

/// <summary>Registers the Ocelot file in force: read when the gateway starts, then watched for edits.</summary>
public static class OcelotFileExtensions
{
    public static IServiceCollection AddOcelotFile(this IServiceCollection services)
    {
        services.AddSingleton<OcelotFileHost>();
        services.AddHostedService(sp => sp.GetRequiredService<OcelotFileHost>());
        return services;
    }
}
