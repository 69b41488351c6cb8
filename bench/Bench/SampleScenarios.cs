namespace Samples.Bench;

/// <summary>One load to put on a running sample.</summary>
public sealed record SampleJob(string Name, string Job, string Path, string? Anchor, string? Bare, string? AbsoluteFormPath = null);

/// <summary>A sample as the benchmark runs it: its Release dll, its arguments and its jobs.</summary>
public sealed record SampleRun(string Name, string Dll, IReadOnlyList<string> Arguments, IReadOnlyList<SampleJob> Jobs, string Probe = "/healthz", bool Tls = false);

/// <summary>
/// The samples as they ship (access log included), pointed at the bench
/// backend through their ordinary configuration keys.
/// </summary>
public static class SampleScenarios
{
    public static IEnumerable<SampleRun> All(string repo, int[] backends, string certPath, string keyPath, string dir, string? redis)
    {
        string Dll(string folder, string assembly) => Path.Combine(repo, "samples", folder, "bin", "Release", "net10.0", assembly + ".dll");
        var b = $"http://127.0.0.1:{backends[0]}/";

        yield return new SampleRun(
            "01-forward-proxy",
            Dll("01-forward-proxy", "Samples.ForwardProxy"),
            [],
            [
                new("01 forward proxy", "forward proxy", "/", "squid", "bare YARP", AbsoluteFormPath: "/"),
                new("01 forward proxy hit", "forward proxy, cached", "/", "squid hit", null, AbsoluteFormPath: "/cacheable"),
            ],
            Probe: "/");

        yield return new SampleRun(
            "02-reverse-proxy",
            Dll("02-reverse-proxy", "Samples.ReverseProxy"),
            // The backend answers no-store; the nginx proxy_cache anchor ignores that (proxy_ignore_headers), and so does this policy.
            [$"--ReverseProxy:Clusters:catalog:Destinations:catalog-1:Address={b}", "--OutputCachePolicies:featured:IgnoreBackendHeaders=true"],
            [
                new("02 reverse proxy", "reverse proxy", "/catalog/", "nginx proxy_pass", "bare YARP"),
                new("02 cached route", "reverse proxy, cached", "/catalog/featured", "nginx proxy_cache", null),
            ]);

        string[] names = ["alpha", "beta", "gamma"];
        yield return new SampleRun(
            "03-load-balancing",
            Dll("03-load-balancing", "Samples.LoadBalancing"),
            [.. names.Select((n, i) => $"--ReverseProxy:Clusters:round-robin:Destinations:{n}:Address=http://127.0.0.1:{backends[i]}/")],
            [new("03 round robin", "load balancing", "/round-robin/", "nginx round robin", "bare YARP")]);

        yield return new SampleRun(
            "04-ssl-termination",
            Dll("04-ssl-termination", "Samples.SslTermination"),
            [$"--Tls:CertificatePath={certPath}", $"--Tls:KeyPath={keyPath}", "--Tls:MutualTlsUrl=", $"--ReverseProxy:Clusters:app:Destinations:whoami:Address={b}"],
            [new("04 TLS termination", "TLS termination", "/", "nginx ssl", null)],
            Probe: "/",
            Tls: true);

        // The gateway runs an Ocelot file of the bench's own: a plain route, a rate-limited
        // route whose limit is never reached (the cost of counting), and a cached route.
        var ocelot = Path.Combine(dir, "ocelot.bench.json");
        File.WriteAllText(ocelot, Ocelot(backends[0]));
        yield return new SampleRun(
            "05-ocelot-gateway",
            Dll("05-ocelot-gateway", "Samples.OcelotGateway"),
            [$"--Gateway:ConfigFile={ocelot}", "--Gateway:HotReload=false"],
            [
                new("05 gateway plain route", "API gateway", "/plain/", "nginx proxy_pass", "bare YARP"),
                new("05 gateway rate-limited", "API gateway, rate limit", "/limited/", null, "bare YARP"),
                new("05 gateway cached route", "API gateway, cached", "/cached/", "nginx proxy_cache", null),
            ]);

        if (redis is not null)
        {
            // The same file with the counters in Redis: what shared state costs per request.
            yield return new SampleRun(
                "05-ocelot-gateway on Redis",
                Dll("05-ocelot-gateway", "Samples.OcelotGateway"),
                [$"--Gateway:ConfigFile={ocelot}", "--Gateway:HotReload=false", $"--Gateway:Redis={redis}"],
                [new("05 gateway limited on Redis", "API gateway, shared rate limit", "/limited/", "05 gateway rate-limited", null)]);
        }
    }

    private static string Ocelot(int backend) => $$"""
        {
          "Routes": [
            {
              "UpstreamPathTemplate": "/plain/{everything}",
              "DownstreamPathTemplate": "/{everything}",
              "DownstreamScheme": "http",
              "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{backend}} } ]
            },
            {
              "UpstreamPathTemplate": "/limited/{everything}",
              "DownstreamPathTemplate": "/{everything}",
              "DownstreamScheme": "http",
              "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{backend}} } ],
              "RateLimitOptions": { "EnableRateLimiting": true, "Period": "1s", "Limit": 1000000, "Wait": "1s" }
            },
            {
              "UpstreamPathTemplate": "/cached/{everything}",
              "UpstreamHttpMethod": [ "GET" ],
              "DownstreamPathTemplate": "/{everything}",
              "DownstreamScheme": "http",
              "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{backend}} } ],
              "CacheOptions": { "TtlSeconds": 600, "Region": "bench" }
            }
          ]
        }
        """;
}
