using Samples.Scaffolding;

namespace Samples.LoadBalancing.Demo;

/// <summary>
/// The three embedded demo backends: alpha, beta and gamma, which appsettings.json
/// names as 5301-5303 and which listen on ports the OS picks (the proxy is pointed
/// at the real ones). Each
/// answers every path with its own name and "/health" with 200; gamma is
/// deliberately slower, so that load-aware policies have something to avoid.
/// The tour stops and restarts one of them to show failover and rejoining.
/// </summary>
public sealed class DemoFleet : IAsyncDisposable
{
    private readonly Dictionary<string, (int Port, TimeSpan Delay)> _plan;
    private readonly Dictionary<string, DemoBackend> _running = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DemoBackend> _stopped = new(StringComparer.OrdinalIgnoreCase);

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

    /// <summary>Starts one backend, or restarts a stopped one on the port it had (where the proxy still points).</summary>
    public async Task StartAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_stopped.Remove(name, out var stopped))
        {
            await stopped.RestartAsync(cancellationToken);
            _running[name] = stopped;
            return;
        }

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
            _stopped[name] = backend;
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
