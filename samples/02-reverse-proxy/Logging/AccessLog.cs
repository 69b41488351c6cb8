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
                Write(context, route, Stopwatch.GetElapsedTime(started));
            }
        }
    }

    private void Write(HttpContext context, RouteModel? route, TimeSpan duration)
    {
        // YARP records the route, cluster and chosen destination on the request; a cache hit never got that far.
        var request = context.Request;
        var destination = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.DestinationId;
        var cacheStatus = context.Response.Headers[CacheStatusPolicy.HeaderName].ToString();
        var forwardingError = context.Features.Get<IForwarderErrorFeature>()?.Error;
        Proxied(
            logger,
            context.Connection.RemoteIpAddress?.ToString() ?? "-",
            $"{request.Method} {request.Path}{request.QueryString}",
            context.Response.StatusCode,
            duration.TotalMilliseconds,
            $"route={route?.Config.RouteId ?? "-"} cluster={route?.Cluster?.ClusterId ?? "-"} destination={destination ?? "-"}",
            cacheStatus.Length > 0 ? cacheStatus : "-",
            forwardingError?.ToString() ?? "-");
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Client} {Request} {Status} {DurationMs:F1}ms {Route} cache=\"{CacheStatus}\" error={ProxyError}")]
    private static partial void Proxied(ILogger logger, string client, string request, int status, double durationMs, string route, string cacheStatus, string proxyError);
}
