using Microsoft.Extensions.Options;
using Samples.OcelotGateway.Auth;
using Samples.OcelotGateway.Loading;
using Samples.OcelotGateway.Settings;
using Samples.Scaffolding;

namespace Samples.OcelotGateway.Demo;

/// <summary>
/// What the gateway shows besides itself: the demo services ocelot.json
/// routes to, the demo's token endpoint, the banner's commands and the tour
/// (its routing, policy and scale-out steps).
/// </summary>
public sealed class GatewayDemo : SampleDemo
{
    private DemoServices? _services;

    public override string Title => "05 Ocelot gateway";

    public override string Concept => "An API gateway: Ocelot's ocelot.json, run on YARP and ASP.NET Core middleware.";

    public override string ExampleUrl => "http://127.0.0.1:8085";

    public override async Task<IReadOnlyList<DemoBackend>> StartBackendsAsync(WebApplication app, CancellationToken cancellationToken)
    {
        if (app.Services.GetRequiredService<SampleMode>().Tour)
        {
            // The tour edits the Ocelot file live, so it runs on a temporary copy, never on yours; and it prints
            // its own account of each failure, which YARP's stack traces would bury.
            var file = app.Services.GetRequiredService<IOptionsMonitor<GatewayOptions>>().CurrentValue.ConfigFilePath(app.Environment.ContentRootPath);
            ((IConfigurationBuilder)app.Configuration).AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{GatewayOptions.Section}:{nameof(GatewayOptions.ConfigFile)}"] = PolicyTour.CopyForTour(file),
                ["Logging:Console:LogLevel:Yarp"] = "Error",
            });
        }

        // POST /demo/token: only while the demo services run, so curl users can try the authenticated routes.
        app.MapPost("/demo/token", (HttpRequest request, GatewayJwt issuer, TimeProvider time) =>
            DemoTokenRequest.AnswerAsync(request, issuer, time)).WithOrder(int.MinValue);

        _services = await DemoServices.StartAsync();
        return _services.All;
    }

    public override IEnumerable<string> TryCommands(WebApplication app, bool backendsRunning) =>
        Demo.TryCommands.For(new Uri(app.Urls.First()), backendsRunning);

    public override IEnumerable<string> Notes(WebApplication app) =>
        [$"Ocelot file: {string.Join(" + ", app.Services.GetRequiredService<OcelotFileHost>().Files)}"];

    public override async Task<int> RunTourAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var services = _services!;
        var file = app.Services.GetRequiredService<OcelotFileHost>();
        var instances = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.Instances;

        // Redis outlives a run: the tour starts by forgetting what a previous run cached and counted there.
        await ScaleOutTour.ForgetPreviousRunAsync(app.Services);

        var tour = new Tour("05 Ocelot gateway on YARP");
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = new Uri(app.Urls.First()) };
        await GatewayTour.RunCoreStepsAsync(tour, client, services);
        await PolicyTour.RunPolicyStepsAsync(tour, client, services, file.Source!.Path, file.Watcher);

        // Scale-out: a burst over both instances, and a cached answer crossing from one to the other.
        if (instances > 1)
        {
            await ScaleOutTour.RunAsync(tour, client, services);
        }

        return tour.Finish();
    }
}
