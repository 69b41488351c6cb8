using System.Diagnostics;
using Samples.LoadBalancing.Failover;

namespace Samples.LoadBalancing.AccessLog;

/// <summary>
/// One line per proxied request: who asked, what, the answer, how long it took,
/// and the concept's own field, the destination that answered (and the one
/// that failed first, after a failover).
/// </summary>
public sealed partial class AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggerFactory)
{
    /// <summary>The logger category of the access-log lines.</summary>
    public const string Category = "Samples.LoadBalancing.AccessLog";

    private readonly ILogger _logger = loggerFactory.CreateLogger(Category);

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
                var request = context.Request;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "-";
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(_logger, client, request.Method, request.Path + request.QueryString, context.Response.StatusCode, elapsedMs, Destination(context));
            }
        }
    }

    // The destination that answered; after a failover, also the one that failed first.
    private static string Destination(HttpContext context)
    {
        var answered = context.GetReverseProxyFeature().ProxiedDestination?.DestinationId ?? "-";
        return context.Features.Get<FailoverFeature>() is { } failover ? $"{answered} (failover from {failover.FailedDestination})" : answered;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Client} \"{Method} {Target}\" {Status} {ElapsedMs:0.0} ms destination={Destination}")]
    private static partial void LogRequest(ILogger logger, string client, string method, string target, int status, double elapsedMs, string destination);
}
