using Samples.Scaffolding;

namespace Samples.ForwardProxy;

/// <summary>
/// What sample 01 shows besides the proxy itself: the demo origins (stand-ins for
/// the internet, on loopback), the banner's ready commands and the scripted tour.
/// The tour starts extra copies of the proxy with other settings, so it is handed
/// the function that builds one.
/// </summary>
public sealed class ForwardProxyDemo(Func<string[], WebApplication> buildProxy) : SampleDemo
{
    private DemoOrigins _origins = DemoOrigins.None;

    public override string Title => "01 forward proxy";

    public override string Concept => "Point a client at this proxy: it fetches for the client, hides it, filters, and tunnels HTTPS.";

    public override string ExampleUrl => "http://127.0.0.1:8081";

    public override async Task<IReadOnlyList<DemoBackend>> StartBackendsAsync(WebApplication app, CancellationToken cancellationToken)
    {
        // Two plain HTTP origins and one HTTPS origin. The HTTPS one's certificate is made
        // first, under .certs/, since HttpsInspection:TrustedOriginCaPath may name it.
        _origins = await DemoOrigins.StartAsync(Path.Combine(app.Environment.ContentRootPath, ".certs"));

        // While the demo's HTTPS origin runs, a tunnel may reach its port too.
        app.Services.GetRequiredService<ConnectPorts>().Allow(_origins.Secure.Port);
        return _origins.All;
    }

    public override IEnumerable<string> TryCommands(WebApplication app, bool backendsRunning)
    {
        var authentication = app.Services.GetRequiredService<ProxyAuthentication>();
        return _origins.Running
            ? BannerCommands.For(app.Urls.First(), authentication, true, _origins.HttpsCertificatePemPath, _origins.A.Port, _origins.Secure.Port)
            : BannerCommands.For(app.Urls.First(), authentication, false, null);
    }

    public override IEnumerable<string> Notes(WebApplication app)
    {
        var inspection = app.Services.GetRequiredService<HttpsInspection>();
        if (inspection.Authority is not { } root)
        {
            return [];
        }

        return
        [
            $"HTTPS inspection is on for: {string.Join(", ", inspection.Hosts)}",
            $"  clients must trust the proxy's root CA: {root.PublicPemPath}",
            $"  curl -x {app.Urls.First()} --noproxy '' --cacert {root.PublicPemPath} https://localhost:{(_origins.Running ? _origins.Secure.Port : DemoOrigins.HttpsPort)}/hello",
        ];
    }

    public override Task<int> RunTourAsync(WebApplication app, CancellationToken cancellationToken) =>
        new ForwardProxyTour(app, _origins, buildProxy).RunAsync();

    public override async ValueTask StopAsync() => await _origins.DisposeAsync();
}
