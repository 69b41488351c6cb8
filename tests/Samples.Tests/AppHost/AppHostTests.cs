using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Samples.Tests.AppHost;

/// <summary>
/// The workshop's AppHost, run with Aspire's own testing package: every resource
/// reaches Running, every sample answers on the address the AppHost gave it, and one
/// request through the chain (01 → 02 → 03 → a demo backend) is one trace in the
/// dashboard with a span in each proxy. Ports are free ones picked here, never the
/// contract's, so the rest of the suite can run beside it.
/// </summary>
[Trait("Concept", "AppHost")]
public sealed class AppHostTests
{
    private static readonly string[] Samples = ["forward-proxy", "reverse-proxy", "load-balancing", "ssl-termination", "ocelot-gateway"];

    [Fact]
    public async Task AllFiveSamples_Run_AndOneRequestThroughTheChain_IsOneTraceWithASpanPerProxy()
    {
        // Arrange: the AppHost on free ports, its dashboard on too (the testing package turns it off by default).
        var ports = FreePorts(12);
        string Url(int i) => $"http://127.0.0.1:{ports[i]}";
        string[] args =
        [
            $"--Ports:ForwardProxy={ports[0]}", $"--Ports:ReverseProxy={ports[1]}", $"--Ports:LoadBalancing={ports[2]}",
            $"--Ports:SslTermination={ports[3]}", $"--Ports:SslRedirect={ports[4]}", $"--Ports:Gateway={ports[5]}",
            $"--Ports:Redis={ports[6]}",
            $"--Ports:ForwardProxyAdmin={ports[7]}", $"--Ports:ReverseProxyAdmin={ports[8]}", $"--Ports:LoadBalancingAdmin={ports[9]}",
            $"--Ports:SslTerminationAdmin={ports[10]}", $"--Ports:GatewayAdmin={ports[11]}",
        ];
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Samples_AppHost>(
            args, (options, _) => options.DisableDashboard = false, Ct);
        await using var app = await appHost.BuildAsync(Ct);
        await app.StartAsync(Ct);
        using var waitLimit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        waitLimit.CancelAfter(TimeSpan.FromMinutes(4));
        foreach (var sample in Samples)
        {
            await app.ResourceNotifications.WaitForResourceAsync(sample, KnownResourceStates.Running, waitLimit.Token);
        }

        using var direct = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        using var throughForwardProxy = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy(Url(0)), UseProxy = true })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };

        // Act: each sample answers on its address; then one request enters the chain at the forward proxy.
        var answered = new Dictionary<string, HttpStatusCode>
        {
            ["reverse-proxy"] = await AnswerAsync(direct, Url(1) + "/chain/warm-up", waitLimit.Token),
            ["load-balancing"] = await AnswerAsync(direct, Url(2) + "/round-robin/", waitLimit.Token),
            ["ssl-termination"] = await AnswerAsync(direct, Url(4) + "/", waitLimit.Token),
            ["ocelot-gateway"] = await AnswerAsync(direct, Url(5) + "/catalog/items", waitLimit.Token),
            ["load-balancing metrics"] = await AnswerAsync(direct, Url(9) + "/metrics", waitLimit.Token),
        };
        var marker = "/chain/traced-" + Guid.NewGuid().ToString("N")[..8];
        using var chained = await throughForwardProxy.GetAsync(new Uri(Url(1) + marker), waitLimit.Token);
        // The testing package moves the dashboard to a port of its own choosing: its resource's endpoint says which.
        var dashboard = app.GetEndpoint("aspire-dashboard", "http").ToString().TrimEnd('/');
        var (traces, hops) = await TraceHopsAsync(dashboard, marker[SampleAddressesChainPrefix.Length..], waitLimit.Token);

        // Assert
        answered["reverse-proxy"].Should().Be(HttpStatusCode.OK);
        answered["load-balancing"].Should().Be(HttpStatusCode.OK);
        answered["ssl-termination"].Should().Be(HttpStatusCode.PermanentRedirect, "04's plain listener redirects to HTTPS");
        ((int)answered["ocelot-gateway"]).Should().BeLessThan(500);
        answered["load-balancing metrics"].Should().Be(HttpStatusCode.OK, "the AppHost gives each sample its admin address");
        chained.StatusCode.Should().Be(HttpStatusCode.OK);
        chained.Headers.Via.Should().NotBeEmpty("the answer came back through the forward proxy");
        traces.Should().Be(1, "the trace context crossed every hop, so one request is one trace");
        hops.Should().Contain(["forward-proxy", "reverse-proxy", "load-balancing"], "that trace holds a server span of every proxy the request crossed");
    }

    private const string SampleAddressesChainPrefix = "/chain";

    private static async Task<HttpStatusCode> AnswerAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        // A sample is Running once its process is; its listener may need a moment more.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(url), cancellationToken);
                return response.StatusCode;
            }
            catch (HttpRequestException) when (attempt < 60)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>
    /// How many traces hold a span of a request that reached <paramref name="pathTail"/>, and the services with a
    /// server span in them, read from the dashboard's telemetry API (OTLP JSON); spans arrive in batches, so it asks
    /// until all three proxies have reported.
    /// </summary>
    private static async Task<(int Traces, IReadOnlyCollection<string> Hops)> TraceHopsAsync(string dashboard, string pathTail, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        HashSet<string> traceIds = [];
        HashSet<string> hops = [];
        for (var attempt = 0; attempt < 30 && hops.Count < 3; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(dashboard + "/api/telemetry/traces"), cancellationToken));
            var spans = Spans(json.RootElement).ToList();
            traceIds = spans.Where(s => s.Path?.EndsWith(pathTail, StringComparison.Ordinal) == true).Select(s => s.TraceId).ToHashSet();
            hops = spans.Where(s => traceIds.Contains(s.TraceId) && s.Kind == ServerKind).Select(s => s.Service).ToHashSet();
        }

        return (traceIds.Count, hops);
    }

    private const int ServerKind = 2;

    private sealed record Span(string Service, string TraceId, int Kind, string? Path);

    private static IEnumerable<Span> Spans(JsonElement root)
    {
        foreach (var resourceSpans in root.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = Attribute(resourceSpans.GetProperty("resource"), "service.name") ?? "?";
            foreach (var scope in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    var kind = span.TryGetProperty("kind", out var k) ? k.GetInt32() : 0;
                    yield return new Span(service, span.GetProperty("traceId").GetString()!, kind, Attribute(span, "url.path"));
                }
            }
        }
    }

    private static string? Attribute(JsonElement owner, string key) =>
        owner.TryGetProperty("attributes", out var attributes)
            ? attributes.EnumerateArray()
                .Where(a => a.GetProperty("key").GetString() == key)
                .Select(a => a.GetProperty("value").TryGetProperty("stringValue", out var v) ? v.GetString() : null)
                .FirstOrDefault()
            : null;

    private static int[] FreePorts(int count) => [.. Enumerable.Range(0, count).Select(_ => FreePort.Next())];
}
