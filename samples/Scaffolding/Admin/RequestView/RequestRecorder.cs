using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// The first step of every sample's pipeline (put there by a startup filter, so
/// no sample's Program.cs says it): copies the request's headers as the client
/// sent them, lets the sample do its work, then stores the whole story in the
/// ring, for at most Admin:RecordPerSecond requests a second (RecordingBudget).
/// With Admin:Enabled false it is not in the pipeline at all.
/// </summary>
public sealed class RequestRecorder(RequestRing ring, HeaderCapture headers, RecordingBudget budget, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!budget.TryTake())
        {
            await next(context);
            return;
        }

        var record = new RequestRecord(time.GetUtcNow(), Stopwatch.GetTimestamp(), headers.Copy(context.Request.Headers));
        context.Features.Set(record);
        try
        {
            await next(context);
        }
        finally
        {
            ring.Add(Finish(context, record));
        }
    }

    private RecordedRequest Finish(HttpContext context, RequestRecord record)
    {
        var durationMs = Stopwatch.GetElapsedTime(record.Started).TotalMilliseconds;

        // As the access logs count it: a client that left before any answer gets 499.
        var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
        return new RecordedRequest(
            ring.NextId(),
            record.Time,
            context.Connection.RemoteIpAddress?.ToString() ?? "?",
            context.Request.Method,
            // The target as the request line said it: origin form (/path?query), or absolute form at a forward proxy.
            context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString(),
            status,
            Math.Round(durationMs, 3),
            record.BackendHeaders is not null,
            record.BackendUri?.ToString(),
            RequestSteps.Describe(context, record, status, durationMs),
            HeaderMarks.Compare(record.ClientHeaders, record.BackendHeaders),
            headers.Copy(context.Response.Headers));
    }

    /// <summary>Puts the recorder in front of the sample's own middleware.</summary>
    internal sealed class First(IOptions<AdminOptions> options) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (options.Value.Enabled)
            {
                var recorder = app.ApplicationServices.GetRequiredService<RequestRecorder>();
                app.Use(next => context => recorder.InvokeAsync(context, next));
            }

            next(app);
        };
    }
}
