using Samples.Scaffolding;

namespace Samples.OcelotGateway.Demo;

/// <summary>
/// The downstream services the sample's ocelot.json points at: two copies of
/// an orders service (5501, 5502 in the file) to balance between and an accounts
/// service (5503). They listen on ports the OS picks, and the gateway's
/// downstreams are pointed at the real ones. Each answers with its name and what it received, so a learner sees
/// where a request landed and in what shape.
/// </summary>
public sealed class DemoServices : IAsyncDisposable
{
    private DemoServices(IReadOnlyList<DemoBackend> all) => All = all;

    public IReadOnlyList<DemoBackend> All { get; }

    public DemoBackend Orders1 => All[0];

    public DemoBackend Orders2 => All[1];

    public DemoBackend Accounts => All[2];

    public static async Task<DemoServices> StartAsync()
    {
        var backends = new List<DemoBackend>();
        foreach (var (name, port) in new[] { ("orders-1", 5501), ("orders-2", 5502), ("accounts", 5503) })
        {
            DemoBackend? started = null;
            started = await DemoBackend.StartAsync(name, port, app => Map(app, name, () => started!.Port));
            backends.Add(started);
        }

        return new DemoServices(backends);
    }

    public void ClearSeen()
    {
        foreach (var backend in All)
        {
            backend.ClearSeen();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in All)
        {
            await backend.DisposeAsync();
        }
    }

    private static void Map(WebApplication app, string name, Func<int> port)
    {
        // A slow endpoint for the QoS timeout, and a redirect whose Location names this backend (for DownstreamHeaderTransform).
        app.MapGet("/api/slow/{**rest}", async (CancellationToken aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), aborted);
            return Results.Json(new SlowAnswer(name, true), DemoJson.Default.SlowAnswer);
        });
        app.MapGet("/api/redirect", () => Results.Redirect($"http://127.0.0.1:{port()}/api/moved"));
        app.Map("/{**rest}", (HttpContext c) => Results.Json(
            new BackendEcho(name, c.Request.Method, c.Request.Path + c.Request.QueryString, c.Request.Headers["X-User"].ToString(), c.Request.Headers["X-Request-Id"].ToString()),
            DemoJson.Default.BackendEcho));
    }
}
