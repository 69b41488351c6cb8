using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Samples.ForwardProxy;

/// <summary>
/// The last step: send the request to the origin with YARP's IHttpForwarder,
/// which streams both bodies and maps failures to status codes (unreachable
/// 502, too slow 504). One HttpMessageInvoker is shared by every request so
/// that connections to origins are pooled.
/// </summary>
public static class OriginForwarder
{
    public static IServiceCollection AddOriginForwarder(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddSingleton<AnonymityTransformer>();
        services.AddSingleton(sp => new OriginCertificateValidation(sp.GetRequiredService<ForwardProxyOptions>().TrustedOriginCa));
        services.AddSingleton(sp => new HttpMessageInvoker(new SocketsHttpHandler
        {
            // The proxy talks to origins directly: no proxy of its own, no redirects followed
            // (the client decides), no cookie jar (cookies belong to the client) and bodies
            // relayed byte for byte, never decompressed.
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = sp.GetRequiredService<ForwardProxyOptions>().UpstreamTimeout,
            // No W3C traceparent header on outgoing requests: it would tell the origin more than the client sent.
            ActivityHeadersPropagator = null,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            // https:// origins (only from inspected tunnels) are checked as strictly as a browser would.
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = sp.GetRequiredService<OriginCertificateValidation>().Validate,
            },
        }));
        return services;
    }

    public static void RunOriginForwarder(this IApplicationBuilder app)
    {
        var forwarder = app.ApplicationServices.GetRequiredService<IHttpForwarder>();
        var invoker = app.ApplicationServices.GetRequiredService<HttpMessageInvoker>();
        var transformer = app.ApplicationServices.GetRequiredService<AnonymityTransformer>();
        var certificates = app.ApplicationServices.GetRequiredService<OriginCertificateValidation>();
        var requestConfig = new ForwarderRequestConfig
        {
            // Silence from the origin for this long (waiting for its headers, or between
            // body reads) ends the request with 504.
            ActivityTimeout = app.ApplicationServices.GetRequiredService<ForwardProxyOptions>().UpstreamTimeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        app.Run(async context =>
        {
            var target = context.Features.GetRequiredFeature<ProxyRequestFeature>().Target;
            var error = await forwarder.SendAsync(context, target.GetLeftPart(UriPartial.Authority), invoker, requestConfig, transformer);
            if (error == ForwarderError.None || context.Response.HasStarted)
            {
                return;
            }

            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            var reason = exception?.GetBaseException().Message;
            var untrusted = exception?.InnerException is AuthenticationException ? certificates.LastProblem(target.Host) : null;
            var body = context.Response.StatusCode switch
            {
                StatusCodes.Status502BadGateway when untrusted is not null =>
                    $"502 Bad Gateway: the certificate of {target.Authority} is not trusted ({untrusted}); the proxy does not fetch from an origin it cannot verify\n",
                StatusCodes.Status504GatewayTimeout => $"504 Gateway Timeout: {target.Authority} did not answer within {requestConfig.ActivityTimeout}\n",
                StatusCodes.Status502BadGateway => $"502 Bad Gateway: could not get an answer from {target.Authority} ({error}: {reason})\n",
                _ => null,
            };
            if (body is not null)
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
        });
    }
}
