using System.Diagnostics;
using Samples.OcelotGateway.Routing;
using Yarp.ReverseProxy.Model;

namespace Samples.OcelotGateway.AccessLog;

/// <summary>
/// One line per request once the answer is known: who asked, for what, which
/// Ocelot route matched (its JSON path) and which downstream answered. It
/// runs before authentication, so 401s and 403s are logged as well.
/// </summary>
public sealed class AccessLogMiddleware(RequestDelegate next, ILogger<AccessLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = context.GetOcelotRoute()?.Path ?? "-";
            var downstream = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.Model.Config.Address ?? "-";
            var client = context.Connection.RemoteIpAddress?.ToString() ?? "-";
            var target = context.Request.Path + context.Request.QueryString;
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            GatewayLog.Access(logger, client, context.Request.Method, target, context.Response.StatusCode, elapsedMs, route, downstream);
        }
    }
}
