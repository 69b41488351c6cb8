using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Samples.ForwardProxy;

/// <summary>One line of the access log: who asked for what, the answer, and what the proxy decided.</summary>
public sealed record AccessLogEntry(
    string Client,
    string Method,
    string Target,
    int Status,
    TimeSpan Duration,
    string? CacheStatus,
    string? FilterRule,
    string? Detail = null)
{
    public override string ToString() =>
        $"{Client} {Method} {Target} {Status} {Duration.TotalMilliseconds:0}ms cache={CacheStatus ?? "-"} filter={(FilterRule is null ? "allowed" : "blocked:" + FilterRule)}{(Detail is null ? string.Empty : " " + Detail)}";
}

/// <summary>
/// The proxy's access log, one line per request or tunnel, in the spirit of
/// Squid's access.log. It also keeps the last lines in memory, so the demo tour
/// (and a test) can show what the proxy itself could see of a request.
/// </summary>
public sealed class AccessLog(ILogger<AccessLog> logger)
{
    private const int Kept = 200;
    private readonly ConcurrentQueue<AccessLogEntry> _recent = new();

    public IReadOnlyList<AccessLogEntry> Recent => [.. _recent];

    public void Write(AccessLogEntry entry)
    {
        _recent.Enqueue(entry);
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }

        logger.LogInformation("{AccessLogLine}", entry.ToString());
    }
}

/// <summary>The first pipeline step: times the request and writes its access-log line once it is answered.</summary>
public static class AccessLogExtensions
{
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
                    feature?.FilterRule));
            }
        });
    }
}
