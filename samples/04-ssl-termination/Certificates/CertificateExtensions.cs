using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Samples.SslTermination;

public static class CertificateExtensions
{
    /// <summary>The server certificate: Tls:CertificatePath + Tls:KeyPath, or a self-signed one; reloaded when the files change.</summary>
    public static IServiceCollection AddServerCertificate(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ServerCertificateSource>();
        return services;
    }
}
