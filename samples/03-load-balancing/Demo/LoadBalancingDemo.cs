using Samples.LoadBalancing.Health;
using Samples.Scaffolding;

namespace Samples.LoadBalancing.Demo;

/// <summary>
/// What "dotnet run" adds around the balancer: alpha, beta and gamma, the
/// banner's commands and the scripted tour.
/// </summary>
public sealed class LoadBalancingDemo : SampleDemo
{
    public override string Title => "03 load balancing";

    public override string Concept => "One address, three backends: the proxy spreads requests, drops a dead server and retries safe requests elsewhere.";

    public override string ExampleUrl => "http://127.0.0.1:8083";

    private DemoFleet? _fleet;

    // The tour prints its own story: per-request lines (access log, each retry) stay out of it; health changes still show.
    public override IReadOnlyList<string> TourLogCategories => [HealthTransitionLog.Category];

    public override async Task<IReadOnlyList<DemoBackend>> StartBackendsAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var options = new DemoFleetOptions();
        app.Configuration.GetSection(DemoFleetOptions.Section).Bind(options);
        _fleet = await DemoFleet.StartAsync(options.SlowDelay, cancellationToken);
        return [.. _fleet.Backends];
    }

    public override IEnumerable<string> TryCommands(WebApplication app, bool backendsRunning)
    {
        var proxy = ProxyUrl(app);
        return
        [
            $"curl -i {proxy}/round-robin/",
            $"for i in 1 2 3 4 5; do curl -s {proxy}/weighted/; done",
            $"curl -s -c /tmp/lb.jar -b /tmp/lb.jar -D - {proxy}/sticky/ -o /dev/null",
            $"curl -s -o /dev/null -w '%{{http_code}}\\n' -X POST {proxy}/round-robin/orders",
        ];
    }

    public override IEnumerable<string> Notes(WebApplication app) =>
        ["Policies: /round-robin/ /weighted/ /least-requests/ /power-of-two/ /random/ /first/ /sticky/"];

    public override Task<int> RunTourAsync(WebApplication app, CancellationToken cancellationToken) =>
        LoadBalancingTour.RunAsync(new Uri(ProxyUrl(app) + "/"), _fleet ?? throw new InvalidOperationException("the tour runs only with its demo backends"));

    // The tour stops and restarts beta, so the fleet, not the first list of backends, knows what still runs.
    public override async ValueTask StopAsync()
    {
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }
    }

    private static string ProxyUrl(WebApplication app) => app.Urls.First().TrimEnd('/');
}
