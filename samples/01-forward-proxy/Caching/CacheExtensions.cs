namespace Samples.ForwardProxy.Caching;

/// <summary>
/// Wiring for the forward proxy's shared HTTP cache. (Placeholder so the
/// pipeline compiles while the cache is being built on its own branch: the
/// cache work replaces both bodies.)
/// </summary>
public static class CacheExtensions
{
    public static IServiceCollection AddForwardProxyCache(this IServiceCollection services, IConfiguration forwardProxySection) => services;

    public static IApplicationBuilder UseForwardProxyCache(this IApplicationBuilder app) => app;
}
