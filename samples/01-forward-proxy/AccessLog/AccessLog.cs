using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Samples.ForwardProxy;

/// <summary>One line of the access log: who asked for what, the answer, and what the proxy decided (Route: direct or via the parent).</summary>
public sealed record AccessLogEntry(
    string Client,
    string Method,
    string Target,
    int Status,
    TimeSpan Duration,
    string? CacheStatus,
    string? FilterRule,
    string? Detail = null,
    string? Route = null)
{
    public override string ToString() =>
        $"{Client} {Method} {Target} {Status} {Duration.TotalMilliseconds:0}ms cache={CacheStatus ?? "-"} filter={(FilterRule is null ? "allowed" : "blocked:" + FilterRule)}{(Route is null ? string.Empty : " " + Route)}{(Detail is null ? string.Empty : " " + Detail)}";
}

/// <summary>
/// The proxy's access log, one line per request or tunnel, in the spirit of
/// Squid's access.log. It also keeps the last lines in memory, so the demo tour
/// (and a test) can show what the proxy itself could see of a request.
/// Its numbers (filter blocks, open tunnels) go to the sample's metrics too.
/// The line is a source-generated log message: nothing is formatted unless the
/// level is on, and then the logger formats it from the fields.
/// </summary>
public sealed partial class AccessLog(ILogger<AccessLog> logger, ForwardProxyMetrics metrics)
{
    private const int Kept = 200;
    private readonly ConcurrentQueue<AccessLogEntry> _recent = new();

    public IReadOnlyList<AccessLogEntry> Recent => [.. _recent];

    public void Write(AccessLogEntry entry)
    {
        _recent.Enqueue(entry);
        metrics.Count(entry);
        if (_recent.Count > Kept)
        {
            _recent.TryDequeue(out _);
        }

        Line(
            logger,
            entry.Client,
            entry.Method,
            entry.Target,
            entry.Status,
            entry.Duration.TotalMilliseconds,
            entry.CacheStatus ?? "-",
            entry.FilterRule is null ? "allowed" : "blocked:",
            entry.FilterRule ?? string.Empty,
            entry.Route is null ? string.Empty : " " + entry.Route,
            entry.Detail is null ? string.Empty : " " + entry.Detail);
    }

    // The same line as AccessLogEntry.ToString(), built by the logger only when Information is on.
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Client} {Method} {Target} {Status} {DurationMs:0}ms cache={CacheStatus} filter={Filter}{FilterRule}{Route}{Detail}")]
    private static partial void Line(
        ILogger logger, string client, string method, string target, int status, double durationMs,
        string cacheStatus, string filter, string filterRule, string route, string detail);
}

/// <summary>The first pipeline step: times the request and writes its access-log line once it is answered.</summary>
public static class AccessLogExtensions
{
    public static IServiceCollection AddAccessLog(this IServiceCollection services) =>
        services.AddSingleton<AccessLog>().AddSingleton<ForwardProxyMetrics>();

    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<AccessLog>();
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var feature = context.Features.Get<ProxyRequestFeature>();
                log.Write(new AccessLogEntry(
                    context.Connection.RemoteIpAddress?.ToString() ?? "?",
                    context.Request.Method,
                    feature?.Target.AbsoluteUri ?? context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                    context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started),
                    feature?.CacheStatus,
                    feature?.FilterRule,
                    Route: feature?.Route));
            }
        });
    }
}
