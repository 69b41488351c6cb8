using Yarp.ReverseProxy.Configuration;

namespace Samples.Bench;

/// <summary>
/// The yardstick: YARP with one route and nothing else (no logging, no
/// transforms beyond YARP's defaults). A sample that forwards the same way
/// should cost about the same.
/// </summary>
public static class BareYarp
{
    public static async Task RunAsync(string[] args)
    {
        // args: PORT BACKEND_URL
        var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        var backend = args[1];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "/{**rest}" } }],
            [new ClusterConfig { ClusterId = "backend", Destinations = new Dictionary<string, DestinationConfig> { ["b"] = new() { Address = backend } } }]);
        var app = builder.Build();
        app.MapReverseProxy();
        await app.RunAsync();
    }
}
