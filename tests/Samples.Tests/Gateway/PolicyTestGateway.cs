using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Hosting;
using Samples.OcelotGateway.Policies;
using Yarp.ReverseProxy.Configuration;

namespace Samples.Tests.Gateway;

/// <summary>
/// A bare YARP gateway with the policies plugged in the way the sample plugs
/// them, on Kestrel at port 0, with a fake clock: it proves each policy on
/// real forwarding without depending on the Ocelot configuration loader.
/// </summary>
public sealed class PolicyTestGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PolicyTestGateway(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public GatewayPolicyStore Store => _app.Services.GetRequiredService<GatewayPolicyStore>();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>One route: everything under <paramref name="prefix"/> goes to <paramref name="backend"/>, with these policies.</summary>
    public static PolicyTestRoute Route(string id, string prefix, Uri backend, RateLimitRule? rateLimit = null, CacheRule? cache = null, QosRule? qos = null) =>
        new(id, prefix, backend, new RoutePolicies(id) { RateLimit = rateLimit, Cache = cache, Qos = qos });

    public static async Task<PolicyTestGateway> StartAsync(IReadOnlyList<PolicyTestRoute> routes, IReadOnlyList<AggregateRule>? aggregates = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddGatewayPolicies();
        builder.Services.AddAuthentication(PolicyTestAuthHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PolicyTestAuthHandler>(PolicyTestAuthHandler.SchemeName, _ => { });
        builder.Services.AddReverseProxy().LoadFromMemory(
            [.. routes.Select(r => new RouteConfig
            {
                RouteId = r.Id,
                ClusterId = r.Id,
                Match = new RouteMatch { Path = r.Prefix.TrimEnd('/') + "/{**rest}" },
            })],
            [.. routes.Select(r => new ClusterConfig
            {
                ClusterId = r.Id,
                Destinations = new Dictionary<string, DestinationConfig> { ["d1"] = new() { Address = r.Backend.ToString() } },
            })]);

        var app = builder.Build();
        app.Services.GetRequiredService<GatewayPolicyStore>().Update(routes.Select(r => r.Policies), aggregates);
        app.UseGatewayRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseGatewayOutputCache();
        app.MapGatewayCacheAdmin();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseGatewayQos();
            proxy.UseLoadBalancing();
        });
        await app.StartAsync(Ct);
        return new PolicyTestGateway(app, time) { BaseAddress = new Uri(app.Urls.First() + "/") };
    }

    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
