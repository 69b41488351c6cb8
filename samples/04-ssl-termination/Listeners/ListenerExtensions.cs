using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Samples.SslTermination;

public static class ListenerExtensions
{
    /// <summary>
    /// The listeners: "urls" plus Tls:MutualTlsUrl, which port plays which part,
    /// and the handshake every https:// listener does (TLS versions, certificate,
    /// client certificates on the mutual-TLS port only).
    /// </summary>
    public static IServiceCollection AddTlsListeners(this IServiceCollection services)
    {
        services.AddSingleton<ListenerRoles>();
        services.AddHostedService<ListenerStartup>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelTlsSetup>();
        return services;
    }

    /// <summary>Plain HTTP answers 308 to the same path on HTTPS; HTTPS requests go on.</summary>
    public static IApplicationBuilder UseRedirectToHttps(this IApplicationBuilder app) => app.UseMiddleware<RedirectToHttps>();
}
