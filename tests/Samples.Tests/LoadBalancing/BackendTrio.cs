using WireMock.Matchers;

namespace Samples.Tests.LoadBalancing;

/// <summary>
/// Three WireMock backends named alpha, beta and gamma. Each answers any path
/// and method with its own name and GET /health with 200 (changeable), and
/// the settings point every cluster of the sample at them.
/// </summary>
public sealed class BackendTrio : IDisposable
{
    public static readonly string[] Names = ["alpha", "beta", "gamma"];

    public static readonly string[] Clusters = ["round-robin", "weighted", "least-requests", "power-of-two", "random", "first", "sticky"];

    private readonly Dictionary<string, WireMockBackend> _backends;
    private readonly Dictionary<string, Guid> _healthMappings = [];

    private BackendTrio(Dictionary<string, WireMockBackend> backends) => _backends = backends;

    public WireMockBackend this[string name] => _backends[name];

    public static BackendTrio Start()
    {
        var trio = new BackendTrio(Names.ToDictionary(n => n, _ => WireMockBackend.Start()));
        foreach (var name in Names)
        {
            trio[name].Stub(server => server
                .Given(Request.Create().WithPath(new RegexMatcher("^/.*")).UsingAnyMethod())
                .AtPriority(100)
                .RespondWith(Response.Create().WithStatusCode(200).WithBody(name)));
            trio.SetHealth(name, 200);
        }

        return trio;
    }

    /// <summary>What GET /health answers on one backend from now on.</summary>
    public void SetHealth(string name, int status)
    {
        var guid = _healthMappings.TryGetValue(name, out var existing) ? existing : Guid.NewGuid();
        _healthMappings[name] = guid;
        this[name].Server
            .Given(Request.Create().WithPath("/health").UsingGet())
            .WithGuid(guid)
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(status == 200 ? "healthy" : "unhealthy"));
    }

    /// <summary>Requests a backend received other than health probes.</summary>
    public int ProxiedCount(string name, string? method = null) =>
        this[name].Received.Count(e => e.RequestMessage?.Path != "/health" && (method is null || e.RequestMessage?.Method == method));

    /// <summary>
    /// Configuration overrides that point every cluster's alpha/beta/gamma at these backends,
    /// plus any extra keys (relative to the whole configuration).
    /// </summary>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var cluster in Clusters)
        {
            foreach (var name in Names)
            {
                settings[$"ReverseProxy:Clusters:{cluster}:Destinations:{name}:Address"] = this[name].Url.ToString();
            }
        }

        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public void Dispose()
    {
        foreach (var backend in _backends.Values)
        {
            backend.Dispose();
        }
    }
}
