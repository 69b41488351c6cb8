using System.Diagnostics;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Samples.ReverseProxy;

/// <summary>
/// One line per request that a route matched: who asked, what, the answer,
/// how long it took, and the reverse proxy's own facts (route, cluster, the
/// destination that actually served it, the cache's verdict, and YARP's name
/// for what went wrong when forwarding failed).
/// </summary>
public sealed partial class AccessLog(RequestDelegate next, ILogger<AccessLog> logger)
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
            // The proxy's own endpoints (/healthz) are not proxied requests; unmatched ones are (they are the 404s).
            var route = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>();
            if (route is not null || context.GetEndpoint() is null)
            {
                // YARP records the route, cluster and chosen destination on the request; a cache hit never got that far.
                var proxy = context.Features.Get<IReverseProxyFeature>();
                Proxied(
                    logger,
                    context.Connection.RemoteIpAddress?.ToString() ?? "-",
                    context.Request.Method,
                    context.Request.Path + context.Request.QueryString,
                    context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    route?.Config.RouteId ?? "-",
                    route?.Cluster?.ClusterId ?? "-",
                    proxy?.ProxiedDestination?.DestinationId ?? "-",
                    context.Response.Headers[CacheStatusPolicy.HeaderName].ToString() is { Length: > 0 } cache ? cache : "-",
                    context.Features.Get<IForwarderErrorFeature>()?.Error.ToString() ?? "-");
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Client} {Method} {Target} {Status} {DurationMs:F1}ms route={Route} cluster={Cluster} destination={Destination} cache=\"{CacheStatus}\" error={ProxyError}")]
    private static partial void Proxied(
        ILogger logger,
        string client,
        string method,
        string target,
        int status,
        double durationMs,
        string route,
        string cluster,
        string destination,
        string cacheStatus,
        string proxyError);
}
