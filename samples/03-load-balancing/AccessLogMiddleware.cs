using System.Diagnostics;

namespace Samples.LoadBalancing;

/// <summary>
/// One line per proxied request: who asked, what, the answer, how long it took,
/// and the concept's own field, the destination that answered (and the one
/// that failed first, after a failover).
/// </summary>
public sealed partial class AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Samples.LoadBalancing.AccessLog");

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var destination = context.GetReverseProxyFeature().ProxiedDestination?.DestinationId ?? "-";
                var failover = context.Features.Get<FailoverFeature>() is { } f ? $" (failover from {f.FailedDestination})" : string.Empty;
                LogRequest(
                    _logger,
                    context.Connection.RemoteIpAddress?.ToString() ?? "-",
                    context.Request.Method,
                    context.Request.Path + context.Request.QueryString,
                    context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    destination + failover);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Client} \"{Method} {Target}\" {Status} {ElapsedMs:0.0} ms destination={Destination}")]
    private static partial void LogRequest(ILogger logger, string client, string method, string target, int status, double elapsedMs, string destination);
}
