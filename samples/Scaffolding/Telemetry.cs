using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Samples.Scaffolding;

/// <summary>
/// OpenTelemetry for every sample, in the way Aspire's service defaults set it
/// up: traces (ASP.NET Core, HttpClient, YARP), metrics and logs, sent over
/// OTLP to the endpoint that <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names (the
/// AppHost sets it for each sample). Without that setting nothing is added,
/// so a sample run on its own pays nothing for it.
/// Each request's span carries the proxy's verdict as attributes, read from
/// what the sample already says in its answer: Cache-Status, the chosen
/// destination, a rate-limit refusal, the TLS protocol of the client's
/// connection.
/// </summary>
public static class Telemetry
{
    /// <summary>The setting that switches telemetry on (the OTLP exporter's own environment variable).</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>YARP's activity source: the forwarding step inside each proxy's span.</summary>
    public const string YarpSource = "Yarp.ReverseProxy";

    /// <summary>Adds traces, metrics and logs over OTLP when <see cref="EndpointKey"/> is set; returns whether it did.</summary>
    public static bool AddSampleTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
        {
            return false;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.EnrichWithHttpResponse = AddVerdict)
                .AddHttpClientInstrumentation()
                .AddSource(YarpSource))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Yarp.ReverseProxy"))
            .UseOtlpExporter();
        return true;
    }

    /// <summary>The proxy's verdict on one request, as span attributes (names under "proxy." and "tls.").</summary>
    public static void AddVerdict(Activity activity, HttpResponse response)
    {
        if (response.Headers["Cache-Status"] is { Count: > 0 } cacheStatus)
        {
            activity.SetTag("proxy.cache_status", cacheStatus.ToString());
        }

        if (response.Headers["X-Destination"] is { Count: > 0 } destination)
        {
            activity.SetTag("proxy.destination", destination.ToString());
        }

        if (response.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            activity.SetTag("proxy.rate_limit", "rejected");
        }

        if (response.HttpContext.Features.Get<ITlsHandshakeFeature>() is { } tls)
        {
            activity.SetTag("tls.protocol", tls.Protocol.ToString());
            activity.SetTag("tls.cipher", tls.NegotiatedCipherSuite?.ToString());
        }
    }
}
