using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Samples.ForwardProxy.Caching;

/// <summary>Wiring for the forward proxy's shared HTTP cache.</summary>
public static class CacheExtensions
{
    /// <summary>
    /// Reads and checks ForwardProxy:Cache (a bad bound stops start-up naming the
    /// key) and registers the store. Time comes from TimeProvider, so that tests
    /// can move the clock instead of sleeping.
    /// </summary>
    public static IServiceCollection AddForwardProxyCache(this IServiceCollection services, IConfiguration forwardProxySection)
    {
        var options = CacheOptions.Read(forwardProxySection);
        services.AddSingleton(options);
        services.AddSingleton<CacheStore>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Puts the cache in the pipeline: after the steps that may refuse a request
    /// (authentication, filtering), before the step that forwards it.
    /// </summary>
    public static IApplicationBuilder UseForwardProxyCache(this IApplicationBuilder app) =>
        app.UseMiddleware<CacheMiddleware>();
}
