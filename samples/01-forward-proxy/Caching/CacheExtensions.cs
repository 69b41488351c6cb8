using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Samples.ForwardProxy;

/// <summary>Wiring for the forward proxy's shared HTTP cache.</summary>
public static class CacheExtensions
{
    /// <summary>
    /// Registers the store, with the bounds of ForwardProxy:Cache (checked with the
    /// rest of the section at start-up). Time comes from TimeProvider, so that tests
    /// can move the clock instead of sleeping.
    /// </summary>
    public static IServiceCollection AddForwardProxyCache(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ForwardProxyOptions>>().Value.Cache);
        services.AddSingleton<CacheStore>();
        services.AddSingleton<PartialResponses>();
        services.AddSingleton<CollapsedForwarding>();
        services.AddSingleton<BackgroundRevalidation>();
        services.TryAddSingleton(TimeProvider.System);

        // Background revalidation (stale-while-revalidate) needs a client to the origins
        // of its own; the proxy's forwarder registers the one it shares, which wins.
        services.TryAddSingleton(_ => new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        }));
        return services;
    }

    /// <summary>
    /// Puts the cache in the pipeline: after the steps that may refuse a request
    /// (authentication, filtering), before the step that forwards it.
    /// </summary>
    public static IApplicationBuilder UseForwardProxyCache(this IApplicationBuilder app) =>
        app.UseMiddleware<CacheMiddleware>();
}
