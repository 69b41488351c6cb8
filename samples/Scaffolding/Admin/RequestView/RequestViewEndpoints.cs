using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// What the live view serves on the admin address: the page (GET /), its live
/// feed as Server-Sent Events (GET /events: what the ring holds, then each new
/// request as one JSON "data:" line), the ring as JSON (GET /requests, for
/// scripts and tests), and the destinations' spread and health (GET /destinations).
/// Everything else there stays 404.
/// </summary>
public sealed class RequestViewEndpoints : IAdminEndpoints
{
    public void Map(IEndpointRouteBuilder admin, IServiceProvider sample)
    {
        var ring = sample.GetRequiredService<RequestRing>();

        admin.MapGet("/", (RequestDelegate)(context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(RequestViewPage.Render(ring, DestinationSpread.Of(sample, ring)), context.RequestAborted);
        }));

        // X-Requests-Skipped: how many requests went unrecorded because a second's Admin:RecordPerSecond was spent.
        var budget = sample.GetRequiredService<RecordingBudget>();
        admin.MapGet("/requests", (RequestDelegate)(context =>
        {
            context.Response.Headers["X-Requests-Skipped"] = budget.Skipped.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return context.Response.WriteAsJsonAsync(ring.Snapshot(), RequestViewJson.Default.IReadOnlyListRecordedRequest, cancellationToken: context.RequestAborted);
        }));

        // The destinations' health and share of the ring's requests, for the page's chart (it asks every two seconds).
        admin.MapGet("/destinations", (RequestDelegate)(context =>
            context.Response.WriteAsJsonAsync(DestinationSpread.Of(sample, ring), RequestViewJson.Default.IReadOnlyListDestinationShare, cancellationToken: context.RequestAborted)));

        admin.MapGet("/events", (RequestDelegate)(context =>
        {
            // The feed ends when the page goes away or the admin server stops (so a stop never waits on an open page).
            var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var feed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            context.Response.RegisterForDispose(feed);
            var events = Serialized(ring.WatchAsync(feed.Token));
            return TypedResults.ServerSentEvents(events).ExecuteAsync(context);
        }));
    }

    private static async IAsyncEnumerable<string> Serialized(IAsyncEnumerable<RecordedRequest> entries)
    {
        await foreach (var entry in entries)
        {
            yield return JsonSerializer.Serialize(entry, RequestViewJson.Default.RecordedRequest);
        }
    }
}
