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
    public static IEnumerable<SampleRun> All(string repo, int[] backends, string certPath, string keyPath, string dir)
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
            [$"--ReverseProxy:Clusters:catalog:Destinations:catalog-1:Address={b}"],
            [new("02 reverse proxy", "reverse proxy", "/catalog/", "nginx proxy_pass", "bare YARP")]);

        string[] names = ["alpha", "beta", "gamma"];
        yield return new SampleRun(
            "03-load-balancing",
            Dll("03-load-balancing", "Samples.LoadBalancing"),
            [.. names.Select((n, i) => $"--ReverseProxy:Clusters:round-robin:Destinations:{n}:Address=http://127.0.0.1:{backends[i]}/")],
            [new("03 round robin", "load balancing", "/round-robin/", "nginx round robin", "bare YARP")]);
    }
}
