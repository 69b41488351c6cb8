using Samples.Scaffolding;

namespace Samples.LoadBalancing.Demo;

/// <summary>
/// The three embedded demo backends (alpha, beta, gamma on 5301-5303). Each
/// answers every path with its own name and "/health" with 200; gamma is
/// deliberately slower, so that load-aware policies have something to avoid.
/// The tour stops and restarts one of them to show failover and rejoining.
/// </summary>
public sealed class DemoFleet : IAsyncDisposable
{
    private readonly Dictionary<string, (int Port, TimeSpan Delay)> _plan;
    private readonly Dictionary<string, DemoBackend> _running = new(StringComparer.OrdinalIgnoreCase);

    private DemoFleet(Dictionary<string, (int Port, TimeSpan Delay)> plan) => _plan = plan;

    public IReadOnlyCollection<DemoBackend> Backends => _running.Values;

    public static async Task<DemoFleet> StartAsync(TimeSpan slowDelay, CancellationToken cancellationToken)
    {
        var fleet = new DemoFleet(new Dictionary<string, (int, TimeSpan)>(StringComparer.OrdinalIgnoreCase)
        {
            ["alpha"] = (5301, TimeSpan.Zero),
            ["beta"] = (5302, TimeSpan.Zero),
            ["gamma"] = (5303, slowDelay),
        });
        foreach (var name in fleet._plan.Keys)
        {
            await fleet.StartAsync(name, cancellationToken);
        }

        return fleet;
    }

    public DemoBackend this[string name] => _running[name];

    /// <summary>Starts (or restarts) one backend on its fixed port.</summary>
    public async Task StartAsync(string name, CancellationToken cancellationToken = default)
    {
        var (port, delay) = _plan[name];
        _running[name] = await DemoBackend.StartAsync(name, port, app =>
        {
            app.MapGet("/health", () => "healthy\n");
            app.Map("/{**rest}", async (HttpContext context) =>
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, context.RequestAborted);
                }

                return name + "\n";
            });
        }, cancellationToken: cancellationToken);
    }

    /// <summary>Stops one backend: its port refuses connections from now on.</summary>
    public async Task StopAsync(string name)
    {
        if (_running.Remove(name, out var backend))
        {
            await backend.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in _running.Values)
        {
            await backend.DisposeAsync();
        }

        _running.Clear();
    }
}
