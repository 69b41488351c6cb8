using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Samples.ReverseProxy;

/// <summary>
/// The proxy is the only server clients can see, so it keeps quiet about
/// itself (no Server header) and applies "Kestrel:Limits": oversized or too
/// many headers end in 431, an oversized body in 413, before any routing.
/// </summary>
public static class EdgeLimits
{
    public const string Section = "Kestrel:Limits";

    public static IServiceCollection AddEdgeLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EdgeLimitOptions>().Bind(configuration.GetSection(Section));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<EdgeLimitOptions>>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeaderCount = limits.Value.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodySize;
        });
        return services;
    }
}

/// <summary>The limits of "Kestrel:Limits" this sample sets (Kestrel's own defaults otherwise).</summary>
public sealed class EdgeLimitOptions
{
    public int MaxRequestHeaderCount { get; set; } = 100;

    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    public long? MaxRequestBodySize { get; set; } = 30_000_000;
}
