using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;

namespace Samples.ReverseProxy;

/// <summary>
/// Removes, on every route, the response headers that tell the world which
/// software a backend runs ("Proxy:RemoveResponseHeaders"): a client should
/// learn nothing about what stands behind the proxy.
/// </summary>
public static class HiddenResponseHeaders
{
    public static IReverseProxyBuilder HideBackendHeaders(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        proxy.Services.AddOptions<HidingOptions>().Bind(configuration.GetSection(HidingOptions.Section));
        return proxy.AddTransforms(route =>
        {
            foreach (var header in route.Services.GetRequiredService<IOptions<HidingOptions>>().Value.RemoveResponseHeaders)
            {
                route.AddResponseHeaderRemove(header, ResponseCondition.Always);
            }
        });
    }
}

/// <summary>The "Proxy" section.</summary>
public sealed class HidingOptions
{
    public const string Section = "Proxy";

    /// <summary>Response headers removed on every route (a list in configuration replaces this one).</summary>
    public string[] RemoveResponseHeaders { get; set; } = ["Server", "X-Powered-By", "X-AspNet-Version"];
}
