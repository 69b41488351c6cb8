using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Samples.ForwardProxy;

/// <summary>
/// The last step: send the request to the origin with YARP's IHttpForwarder,
/// which streams both bodies and maps failures to status codes (unreachable
/// 502, too slow 504). One HttpMessageInvoker is shared by every request so
/// that connections to origins are pooled.
/// </summary>
public static class OriginForwarderExtensions
{
    public static IServiceCollection AddOriginForwarder(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddSingleton<AnonymityTransformer>();
        services.AddSingleton(sp => new OriginCertificateValidation(
            sp.GetRequiredService<IOptions<ForwardProxyOptions>>().Value.HttpsInspection.LoadTrustedOriginCa(sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        // Upstream/ chains the handler to a parent proxy when ForwardProxy:Upstream names one.
        services.AddSingleton(sp => new HttpMessageInvoker(sp.GetRequiredService<UpstreamProxy>().Chain(new SocketsHttpHandler
        {
            // The proxy talks to origins itself: no system proxy settings, no redirects followed
            // (the client decides), no cookie jar (cookies belong to the client) and bodies
            // relayed byte for byte, never decompressed.
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = sp.GetRequiredService<IOptions<ForwardProxyOptions>>().Value.UpstreamTimeout,
            // A W3C traceparent on outgoing requests only at the Transparent level, which names the proxy anyway;
            // at the other levels it would tell the origin more than the client sent.
            ActivityHeadersPropagator = sp.GetRequiredService<IOptions<ForwardProxyOptions>>().Value.Anonymity == AnonymityLevel.Transparent
                ? DistributedContextPropagator.Current
                : null,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            // https:// origins (only from inspected tunnels) are checked as strictly as a browser would.
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = sp.GetRequiredService<OriginCertificateValidation>().Validate,
            },
        })));
        return services;
    }

    /// <summary>The last step: nothing after it, every request that gets here is forwarded.</summary>
    public static void RunOriginForwarder(this IApplicationBuilder app) =>
        app.UseMiddleware<OriginForwarderMiddleware>();
}

/// <summary>Forwards one request with YARP and turns a failure into a status code with a body that says why.</summary>
internal sealed class OriginForwarderMiddleware(
    RequestDelegate next,
    IHttpForwarder forwarder,
    HttpMessageInvoker invoker,
    AnonymityTransformer transformer,
    OriginCertificateValidation certificates,
    UpstreamProxy upstream,
    IOptions<ForwardProxyOptions> options)
{
    private readonly ForwarderRequestConfig _requestConfig = new()
    {
        // Silence from the origin for this long (waiting for its headers, or between
        // body reads) ends the request with 504.
        ActivityTimeout = options.Value.UpstreamTimeout,
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        // Only requests the target step made the proxy's get here; anything else is not for an origin.
        if (context.Features.Get<ProxyRequestFeature>() is not { Target: var target } feature)
        {
            await next(context);
            return;
        }

        // Straight to the origin, or through the parent proxy (Upstream/): the access log says which.
        feature.Route = upstream.RouteFor(target.IdnHost);

        var error = await forwarder.SendAsync(context, target.GetLeftPart(UriPartial.Authority), invoker, _requestConfig, transformer);
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
            StatusCodes.Status504GatewayTimeout => $"504 Gateway Timeout: {upstream.NextHop(target.IdnHost, target.Authority)} did not answer within {_requestConfig.ActivityTimeout}\n",
            StatusCodes.Status502BadGateway => $"502 Bad Gateway: could not get an answer from {target.Authority} ({error}: {reason})\n",
            _ => null,
        };
        if (body is not null)
        {
            await ProxyAnswer.WriteAsync(context, context.Response.StatusCode, body);
        }
    }
}
