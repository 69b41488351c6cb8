using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Samples.Scaffolding.Admin.Metrics;

/// <summary>
/// The verdicts every sample already states in its answers, counted: what the
/// cache did (its Cache-Status member), a rate-limit refusal (429), and the
/// destination YARP chose, per route; and a gauge of each destination's health
/// as YARP's checks see it. One meter, <c>Samples.Proxy</c>, made by the app's
/// own meter factory.
/// </summary>
public sealed class ProxyMetrics
{
    public const string MeterName = "Samples.Proxy";

    private readonly Counter<long> _cacheResults;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _destinationRequests;

    public ProxyMetrics(IMeterFactory meters, IServiceProvider services)
    {
        var meter = meters.Create(MeterName);
        _cacheResults = meter.CreateCounter<long>("samples.proxy.cache_results", "{request}", "Answers on cached routes, by route and what the cache did (Cache-Status)");
        _rateLimitRejections = meter.CreateCounter<long>("samples.proxy.rate_limit_rejections", "{request}", "Requests refused with 429, by route");
        _destinationRequests = meter.CreateCounter<long>("samples.proxy.destination_requests", "{request}", "Requests forwarded, by cluster and the destination chosen");
        meter.CreateObservableGauge("samples.proxy.destination_healthy", () => DestinationHealthMeasurements(services), "{destination}", "1 while YARP's health checks count the destination healthy or unknown, 0 when unhealthy");
    }

    /// <summary>Counts one answered request from what its response says.</summary>
    public void Record(HttpContext context)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? "-";
        if (context.Response.Headers["Cache-Status"] is { Count: > 0 } cacheStatus && CacheResult(cacheStatus.ToString()) is var (result, stored))
        {
            _cacheResults.Add(1, new("route", route), new("result", result), new("stored", stored ? "true" : "false"));
        }

        if (context.Response.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("route", route));
        }

        if (context.Features.Get<IReverseProxyFeature>() is { ProxiedDestination: { } destination } proxy)
        {
            _destinationRequests.Add(1, new("route", route), new("cluster", proxy.Cluster.Config.ClusterId), new("destination", destination.DestinationId));
        }
    }

    /// <summary>
    /// The last member of Cache-Status is the cache nearest the client, this
    /// sample's (RFC 9211 §2): "hit", or its fwd= reason; and whether it stored the answer.
    /// </summary>
    public static (string Result, bool Stored)? CacheResult(string header)
    {
        var member = header[(header.LastIndexOf(',') + 1)..];
        var parameters = member.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parameters.Length < 2)
        {
            return null;
        }

        var stored = parameters.Contains("stored", StringComparer.OrdinalIgnoreCase);
        if (parameters.Contains("hit", StringComparer.OrdinalIgnoreCase))
        {
            return ("hit", stored);
        }

        var forward = parameters.FirstOrDefault(p => p.StartsWith("fwd=", StringComparison.OrdinalIgnoreCase));
        return forward is null ? null : (forward[4..], stored);
    }

    private static IEnumerable<Measurement<int>> DestinationHealthMeasurements(IServiceProvider services) =>
        ProxyDestinations.Of(services).Select(d =>
            new Measurement<int>(d.Health == ProxyDestinations.Unhealthy ? 0 : 1, new("cluster", d.Cluster), new("destination", d.Id)));
}

/// <summary>Puts the counting first in the pipeline, so it sees every answer as the client gets it.</summary>
internal sealed class ProxyMetricsStartup(ProxyMetrics metrics) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextStep) =>
        {
            try
            {
                await nextStep(context);
            }
            finally
            {
                metrics.Record(context);
            }
        });
        next(app);
    };
}
