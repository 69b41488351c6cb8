using System.Diagnostics;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Samples.SslTermination;

public static class ForwardingExtensions
{
    /// <summary>
    /// HSTS tells a browser to use HTTPS for this host from now on, for Tls:HstsMaxAge.
    /// ASP.NET Core skips localhost, 127.0.0.1 and [::1] by default (so a developer is
    /// not locked out of plain HTTP); this sample clears that list so that you can see
    /// the header locally.
    /// </summary>
    public static IServiceCollection AddHstsFromTlsOptions(this IServiceCollection services)
    {
        services.AddHsts(_ => { });
        services.AddOptions<HstsOptions>().Configure<IOptions<TlsOptions>>((hsts, tls) =>
        {
            hsts.MaxAge = tls.Value.HstsMaxAge;
            hsts.ExcludedHosts.Clear();
        });
        return services;
    }

    /// <summary>One access-log line per proxied request, which also says how the client connected (TLS version, HTTP version, client certificate).</summary>
    public static IReverseProxyApplicationBuilder UseAccessLog(this IReverseProxyApplicationBuilder proxy)
    {
        var accessLog = proxy.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("SslTermination.Access");
        proxy.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            await next();
            var tls = context.Features.Get<ITlsHandshakeFeature>();
            var destination = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.Model.Config.Address ?? "-";
            AccessLog.Request(
                accessLog,
                context.Connection.RemoteIpAddress?.ToString() ?? "-",
                context.Request.Method,
                destination.TrimEnd('/') + context.Request.Path + context.Request.QueryString,
                context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                tls?.Protocol.ToString() ?? "-",
                context.Request.Protocol,
                context.Connection.ClientCertificate?.Subject ?? "-");
        });
        return proxy;
    }
}
