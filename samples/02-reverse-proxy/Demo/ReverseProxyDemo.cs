using Samples.Scaffolding;

namespace Samples.ReverseProxy.Demo;

/// <summary>What `dotnet run` adds around the proxy: two demo services, the banner and the tour.</summary>
public sealed class ReverseProxyDemo : SampleDemo
{
    private DemoBackend? _catalog;
    private DemoBackend? _orders;

    public override string Title => "02 reverse proxy";

    public override string Concept => "Clients talk to one address; the proxy picks the backend, hides it, and caches for it.";

    public override string ExampleUrl => "http://127.0.0.1:8082";

    public override async Task<IReadOnlyList<DemoBackend>> StartBackendsAsync(WebApplication app, CancellationToken cancellationToken)
    {
        (_catalog, _orders) = await DemoServices.StartAsync(cancellationToken);
        return [_catalog, _orders];
    }

    public override IEnumerable<string> TryCommands(WebApplication app, bool backendsRunning) =>
        BannerCommands.For(app.Urls.First().TrimEnd('/'));

    public override Task<int> RunTourAsync(WebApplication app, CancellationToken cancellationToken) =>
        DemoTour.RunAsync(app.Urls.First(), _catalog!, _orders!);
}
