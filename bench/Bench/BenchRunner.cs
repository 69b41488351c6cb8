using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Samples.Bench;

/// <summary>
/// Starts everything on loopback, runs the scenarios in rotation (A B C A B C
/// ...) so that a noisy moment hurts all of them alike, and writes the report.
/// </summary>
public static class BenchRunner
{
    /// <summary>Appended to the name of every scenario and process of a Native AOT build.</summary>
    public const string AotSuffix = " (AOT)";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var inCi = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        if (Wrk.Path is null)
        {
            Console.Error.WriteLine("bench: wrk is not installed (apt-get install wrk); nothing to measure.");
            return inCi ? 1 : 0;
        }

        var nginx = Which("nginx");
        if (nginx is null)
        {
            Console.Error.WriteLine("bench: nginx is not installed (apt-get install nginx); it is the fixed backend, so nothing can run.");
            return inCi ? 1 : 0;
        }

        var dir = Directory.CreateTempSubdirectory("samples-bench-").FullName;
        // Squid drops its privileges to the 'proxy' user: let it write its log and pid here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
        }
        var servers = new List<ServerProcess>();
        try
        {
            var scenarios = await StartAllAsync(options, dir, nginx, servers);
            if (options.Only is { } only)
            {
                scenarios = [.. scenarios.Where(s => only.Contains(s.Name) || s.Name == "direct")];
            }

            Console.WriteLine($"bench: {scenarios.Count} scenarios, {options.Rounds} round(s) of {options.Seconds}s, {options.Connections} connections, wrk -t1");
            // Warm-up: long enough for tiered JIT to reach its optimised code in the .NET processes
            // (under load, .NET's tiered compiler was still busy about 13 s after start-up).
            foreach (var s in scenarios)
            {
                await Wrk.RunAsync(s.Url, options.Connections, options.Smoke ? 1 : 10, s.Script);
            }

            var results = scenarios.ToDictionary(s => s.Name, _ => new List<Sample>());
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var s in scenarios)
                {
                    var sample = await MeasureAsync(s, options);
                    if (sample is not null)
                    {
                        results[s.Name].Add(sample);
                        Console.WriteLine($"  round {round} {s.Name,-28} {sample.Wrk.RequestsPerSecond,10:F0} req/s  p99 {sample.Wrk.P99Ms,7:F2} ms  cpu {sample.CpuMicrosPerRequest,6:F0} us/req  errors {sample.Wrk.Errors}");
                    }
                }
            }

            var report = Report.Build(options, scenarios, results, servers);
            var outDir = Path.Combine(options.RepoRoot, "bench", "results");
            Directory.CreateDirectory(outDir);
            // Only a full run of every scenario replaces the committed "latest" report.
            var stem = options.Smoke ? "smoke" : options.Only is not null ? "partial" : "latest";
            await File.WriteAllTextAsync(Path.Combine(outDir, stem + ".md"), report.Markdown);
            await File.WriteAllTextAsync(Path.Combine(outDir, stem + ".svg"), report.Svg);
            Console.WriteLine(report.Markdown);
            Console.WriteLine($"bench: wrote bench/results/{stem}.md and {stem}.svg");
            // A scenario is broken when no round ran, or when more than 1% of its answers were errors.
            var broken = scenarios.Where(s => results[s.Name].Count == 0 || results[s.Name].Any(r => r.Wrk.Errors * 100 > r.Wrk.Requests)).Select(s => s.Name).ToList();
            if (broken.Count > 0)
            {
                Console.Error.WriteLine($"bench: these scenarios failed or answered errors: {string.Join(", ", broken)}");
                return 1;
            }

            return 0;
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Dispose();
            }

            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<Sample?> MeasureAsync(Scenario s, BenchOptions options)
    {
        if (s.Measured.HasExited)
        {
            return null;
        }

        var cpuBefore = s.Measured.CpuSeconds();
        var machineBefore = ServerProcess.MachineBusySeconds();
        var start = DateTime.UtcNow;
        var wrk = await Wrk.RunAsync(s.Url, options.Connections, options.Seconds, s.Script);
        var wall = (DateTime.UtcNow - start).TotalSeconds;
        if (wrk is null || wrk.Requests == 0)
        {
            return null;
        }

        var cpu = s.Measured.CpuSeconds() - cpuBefore;
        var machine = ServerProcess.MachineBusySeconds() - machineBefore;
        // Cores kept busy by everything else (wrk, the backend, other programs) during the run.
        var other = Math.Max(0, machine - cpu) / wall;
        return new Sample(wrk, cpu * 1_000_000 / wrk.Requests, other);
    }

    private static async Task<List<Scenario>> StartAllAsync(BenchOptions o, string dir, string nginx, List<ServerProcess> servers)
    {
        var backendPorts = new[] { FreePort(), FreePort(), FreePort() };
        async Task<ServerProcess?> Start(string name, string file, IEnumerable<string> args, int port, string? cwd = null, string? probe = "/", bool tls = false, IReadOnlyDictionary<string, string>? extraEnvironment = null)
        {
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
            };
            foreach (var (k, v) in extraEnvironment ?? new Dictionary<string, string>())
            {
                environment[k] = v;
            }

            var p = await ServerProcess.StartAsync(name, file, args, port, cwd, environment, probe, tls);
            if (p is not null)
            {
                servers.Add(p);
            }
            else
            {
                Console.Error.WriteLine($"bench: skipping {name}");
            }

            return p;
        }

        var backendConf = Path.Combine(dir, "backend.conf");
        await File.WriteAllTextAsync(backendConf, Anchors.BackendNginx(dir, backendPorts));
        var backend = await Start("backend (nginx return 200)", nginx, ["-c", backendConf, "-e", Path.Combine(dir, "backend-error.log")], backendPorts[0])
            ?? throw new InvalidOperationException("the nginx backend did not start");
        var b = $"http://127.0.0.1:{backendPorts[0]}";
        var scenarios = new List<Scenario> { new("direct", "backend alone", b + "/", backend) };

        var (certPath, keyPath) = WriteCertificate(dir);

        // Anchors: the servers people would otherwise pick, set up for the same jobs.
        int np = FreePort(), nc = FreePort(), nr = FreePort(), nt = FreePort();
        var anchorConf = Path.Combine(dir, "anchor.conf");
        await File.WriteAllTextAsync(anchorConf, Anchors.AnchorNginx(dir, backendPorts, np, nc, nr, nt, certPath, keyPath));
        if (await Start("nginx anchor", nginx, ["-c", anchorConf, "-e", Path.Combine(dir, "anchor-error.log")], np) is { } anchor)
        {
            scenarios.Add(new("nginx proxy_pass", "reverse proxy", $"http://127.0.0.1:{np}/", anchor));
            scenarios.Add(new("nginx proxy_cache", "reverse proxy, cached", $"http://127.0.0.1:{nc}/cacheable", anchor));
            scenarios.Add(new("nginx round robin", "load balancing", $"http://127.0.0.1:{nr}/", anchor));
            scenarios.Add(new("nginx ssl", "TLS termination", $"https://127.0.0.1:{nt}/", anchor));
        }

        if (Which("haproxy") is { } haproxy)
        {
            var hp = FreePort();
            var conf = Path.Combine(dir, "haproxy.cfg");
            await File.WriteAllTextAsync(conf, Anchors.HaProxy(hp, backendPorts[0]) + "\n");
            if (await Start("haproxy", haproxy, ["-f", conf, "-db"], hp) is { } h)
            {
                scenarios.Add(new("haproxy", "reverse proxy", $"http://127.0.0.1:{hp}/", h));
            }
        }
        else
        {
            Console.WriteLine("bench: haproxy not installed (apt-get install haproxy): its anchor is skipped");
        }

        if (Which("squid") is { } squid)
        {
            var sp = FreePort();
            var conf = Path.Combine(dir, "squid.conf");
            await File.WriteAllTextAsync(conf, Anchors.Squid(dir, sp));
            if (await Start("squid", squid, ["-N", "-f", conf], sp, probe: "/squid-internal-static/icons/SN.png") is { } sq)
            {
                scenarios.Add(new("squid", "forward proxy", $"http://127.0.0.1:{sp}/", sq, Script(dir, "squid-nocache", Anchors.AbsoluteFormScript(backendPorts[0], "/"))));
                scenarios.Add(new("squid hit", "forward proxy, cached", $"http://127.0.0.1:{sp}/", sq, Script(dir, "squid-hit", Anchors.AbsoluteFormScript(backendPorts[0], "/cacheable"))));
            }
        }
        else
        {
            Console.WriteLine("bench: squid not installed (apt-get install squid): its anchor is skipped");
        }

        // The yardstick: YARP with one route and nothing else.
        var bareDll = Path.Combine(AppContext.BaseDirectory, "Bench.dll");
        var yp = FreePort();
        // It runs with the samples' GC (Server GC, ASP.NET Core's default), not the driver's own workstation GC.
        if (await Start("bare YARP", "dotnet", [bareDll, "serve-yarp", yp.ToString(System.Globalization.CultureInfo.InvariantCulture), b + "/"], yp, extraEnvironment: new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" }) is { } bare)
        {
            scenarios.Add(new("bare YARP", "reverse proxy", $"http://127.0.0.1:{yp}/", bare));
        }

        // The same yardstick compiled ahead of time: what the samples' native builds are compared with.
        var bareNative = Path.Combine(AppContext.BaseDirectory, "linux-x64", "publish", "Bench");
        var ya = FreePort();
        if (o.Aot && await Start("bare YARP" + AotSuffix, bareNative, ["serve-yarp", ya.ToString(System.Globalization.CultureInfo.InvariantCulture), b + "/"], ya, extraEnvironment: new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" }) is { } bareAot)
        {
            scenarios.Add(new("bare YARP" + AotSuffix, "reverse proxy", $"http://127.0.0.1:{ya}/", bareAot));
        }

        // Redis, for the gateway's shared rate-limit counters (the scale-out's cost per request).
        string? redis = null;
        if (Which("redis-server") is { } redisServer)
        {
            var rp = FreePort();
            if (await Start("redis-server", redisServer, ["--port", rp.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no"], rp, probe: null) is not null)
            {
                redis = $"127.0.0.1:{rp}";
            }
        }
        else
        {
            Console.WriteLine("bench: redis-server not installed (apt-get install redis-server): the Redis-backed gateway is skipped");
        }

        // A sample as `dotnet run` starts it (JIT), or its Native AOT executable from its publish folder.
        async Task StartSampleAsync(SampleRun sample, bool native)
        {
            var suffix = native ? AotSuffix : string.Empty;
            var folder = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(sample.Dll))))!;
            var file = native ? Path.Combine(Path.GetDirectoryName(sample.Dll)!, "linux-x64", "publish", Path.GetFileNameWithoutExtension(sample.Dll)) : "dotnet";
            var port = FreePort();
            var args = native ? new List<string>() : [sample.Dll];
            // The admin address on a free port: two builds (or 05 twice) run side by side.
            args.AddRange([$"--urls={(sample.Tls ? "https" : "http")}://127.0.0.1:{port}", "--DemoBackends:Enabled=false", "--Admin:Urls=http://127.0.0.1:0"]);
            args.AddRange(sample.Arguments);
            args.AddRange(o.SampleArguments);
            if (!File.Exists(native ? file : sample.Dll))
            {
                Console.Error.WriteLine($"bench: {(native ? file : sample.Dll)} is not built (bench/run {(native ? "--aot publishes" : "builds")} it first); skipping {sample.Name}{suffix}");
                return;
            }

            var process = await Start(sample.Name + suffix, file, args, port, folder, sample.Probe, sample.Tls, o.SampleEnvironment);
            if (process is null)
            {
                return;
            }

            foreach (var job in sample.Jobs)
            {
                var script = job.AbsoluteFormPath is { } path ? Script(dir, job.Name + suffix, Anchors.AbsoluteFormScript(backendPorts[0], path)) : null;
                // An anchor that is itself a sample's scenario is compared within the same build.
                var anchor = job.Anchor is { } a && a.StartsWith('0') ? a + suffix : job.Anchor;
                scenarios.Add(new(job.Name + suffix, job.Job, $"{(sample.Tls ? "https" : "http")}://127.0.0.1:{port}{job.Path}", process, script, anchor, job.Bare is null ? null : job.Bare + suffix));
            }
        }

        foreach (var sample in SampleScenarios.All(o.RepoRoot, backendPorts, certPath, keyPath, dir, redis))
        {
            await StartSampleAsync(sample, native: false);
            if (o.Aot)
            {
                await StartSampleAsync(sample, native: true);
            }
        }

        return scenarios;
    }

    private static string Script(string dir, string name, string content)
    {
        var path = Path.Combine(dir, name.Replace(' ', '-') + ".lua");
        File.WriteAllText(path, content);
        return path;
    }

    private static (string Cert, string Key) WriteCertificate(string dir)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(dir, "bench-cert.pem");
        var keyPath = Path.Combine(dir, "bench-key.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Which(string program) =>
        new[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin" }
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
