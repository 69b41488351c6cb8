using Microsoft.AspNetCore.Http.Features;

namespace Samples.ForwardProxy;

/// <summary>
/// Tells the two kinds of request apart by their request target (RFC 9112 §3.2):
/// a client that uses a proxy sends the absolute form (GET http://host/path),
/// while the origin form (GET /path) is addressed to this server itself. The
/// first gets a <see cref="ProxyRequestFeature"/> and goes on to be proxied;
/// the second is answered here, with the info page or 404. Requests read
/// inside an inspected tunnel are for the tunnel's host, over https.
/// </summary>
public static class ProxyTarget
{
    public static IApplicationBuilder UseProxyTarget(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;

            // A tunnel takes over a whole connection, so the connection middleware only
            // looks for CONNECT at its start; browsers and curl open a new one per tunnel.
            if (HttpMethods.IsConnect(context.Request.Method))
            {
                context.Response.Headers.Connection = "close";
                await ProxyAnswer.WriteAsync(context, StatusCodes.Status400BadRequest, "400 Bad Request: send CONNECT as the first request on a new connection\n");
                return;
            }

            // Inside an inspected tunnel, requests are in origin form (GET /path) and all of them
            // are for the tunnel's host: the client already named it in CONNECT.
            if (InspectedTunnel.Of(context) is { } tunnel)
            {
                if (!rawTarget.StartsWith('/'))
                {
                    await ProxyAnswer.WriteAsync(context, StatusCodes.Status400BadRequest, $"400 Bad Request: inside the tunnel to {tunnel.Authority}, ask for paths (GET /path)\n");
                    return;
                }

                context.Features.Set(new ProxyRequestFeature(new Uri($"https://{tunnel.Authority}{rawTarget}")) { Inspected = true });
                await next(context);
                return;
            }

            if (!Uri.TryCreate(rawTarget, UriKind.Absolute, out var target) || rawTarget.StartsWith('/'))
            {
                await ProxyInfoPage.AnswerAsync(context);
                return;
            }

            if (target.Scheme != Uri.UriSchemeHttp)
            {
                // https:// URLs travel through CONNECT, so the client's TLS reaches the origin end to end.
                await ProxyAnswer.WriteAsync(context, StatusCodes.Status400BadRequest, $"400 Bad Request: this proxy forwards http:// URLs; for {target.Scheme}:// the client opens a CONNECT tunnel\n");
                return;
            }

            context.Features.Set(new ProxyRequestFeature(target));
            await next(context);
        });
}
