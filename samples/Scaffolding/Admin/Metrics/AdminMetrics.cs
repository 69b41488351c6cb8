using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Yarp.ReverseProxy;

namespace Samples.Scaffolding.Admin.Metrics;

/// <summary>
/// The sample's numbers in Prometheus' text format at /metrics on the admin
/// address: ASP.NET Core's and Kestrel's own meters (requests, connections,
/// TLS handshakes), HttpClient's (the requests the proxy sends on), the .NET
/// runtime's, and the proxy verdicts the samples count themselves (meters named
/// <c>Samples.*</c>: cache results, rate-limit refusals, destinations, and the
/// forward proxy's filter and tunnels).
/// </summary>
public static class AdminMetrics
{
    /// <summary>The meters the scrape includes besides the instrumentation packages' own.</summary>
    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "Samples.*", // ProxyMetrics' Samples.Proxy, and a sample's own (01's Samples.ForwardProxy)
    ];

    /// <summary>Registers the meters and the Prometheus exporter; the admin server serves them at /metrics.</summary>
    public static WebApplicationBuilder AddAdminMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProxyMetrics>();
        builder.Services.AddSingleton<IStartupFilter, ProxyMetricsStartup>();
        builder.Services.AddSingleton<IAdminEndpoints, MetricsEndpoint>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Meters)
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            if (metrics is IDeferredMeterProviderBuilder deferred)
            {
                deferred.Configure((services, provider) => provider.AddView(new OwnMetersOnly(services.GetRequiredService<IMeterFactory>()).Select));
            }
        });
        return builder;
    }
}

/// <summary>
/// Meters are process-wide: when several samples share a process (the test
/// host runs many), each would also see the others' instruments. Instruments of
/// meters made by an app's <see cref="IMeterFactory"/> carry that factory as
/// their scope; a sample keeps those of its own factory and the unscoped ones
/// (the runtime's, HttpClient's). In a process of one sample, this drops nothing.
/// </summary>
internal sealed class OwnMetersOnly(IMeterFactory factory)
{
    public MetricStreamConfiguration? Select(Instrument instrument) =>
        instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, factory) ? null : MetricStreamConfiguration.Drop;
}

/// <summary>GET /metrics on the admin address: the sample's MeterProvider, scraped in Prometheus' format.</summary>
internal sealed class MetricsEndpoint : IAdminEndpoints
{
    public const string Path = "/metrics";

    public void Map(IEndpointRouteBuilder admin, IServiceProvider sample) =>
        admin.MapPrometheusScrapingEndpoint(Path, sample.GetRequiredService<MeterProvider>(), configureBranchedPipeline: null, optionsName: null);
}
