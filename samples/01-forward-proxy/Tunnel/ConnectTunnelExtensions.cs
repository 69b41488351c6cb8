using Microsoft.AspNetCore.Server.Kestrel.Core;
using Samples.Scaffolding.HopByHop;

namespace Samples.ForwardProxy;

/// <summary>Wiring for the CONNECT tunnel, which sits in Kestrel in front of the HTTP pipeline.</summary>
public static class ConnectTunnelExtensions
{
    /// <summary>
    /// Every listener (from --urls or a test's port 0) first looks for CONNECT, which
    /// becomes a raw tunnel; any other request goes on into the HTTP pipeline.
    /// </summary>
    public static IWebHostBuilder UseConnectTunnel(this IWebHostBuilder webHost)
    {
        webHost.ConfigureServices(services => services.AddSingleton<ConnectPorts>());
        return webHost.ConfigureKestrel((context, kestrel) =>
        {
            // The proxy speaks for origins: it does not add a Server header of its own.
            kestrel.AddServerHeader = false;

            // Kestrel's own limits (Kestrel:Limits:...) also bound the tunnels: KeepAliveTimeout is how
            // long a tunnel may sit idle, RequestHeadersTimeout how long a CONNECT head may take.
            context.Configuration.GetSection(TunnelLimits.Section).Get<TunnelLimits>()?.ApplyTo(kestrel.Limits);

            kestrel.ConfigureEndpointDefaults(listener =>
            {
                listener.Protocols = HttpProtocols.Http1;
                listener.Use(next => new ConnectTunnel(next, listener.ApplicationServices).OnConnectionAsync);

                // What goes on to HTTP (plain, or decrypted from an inspected tunnel) is also read raw:
                // Kestrel keeps only "close" of "Connection: close, X-Secret" (Scaffolding/HopByHop).
                listener.UseRequestHeadRecorder();
            });
        });
    }
}
