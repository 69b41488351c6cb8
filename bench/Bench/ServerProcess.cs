using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Samples.Bench;

/// <summary>
/// A server the benchmark started (a sample, an anchor or the backend), with
/// what /proc says it spent: CPU ticks and peak resident memory, summed over
/// the process and its children.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux
    private readonly Process _process;

    private ServerProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>Milliseconds from process start to the first answered request.</summary>
    public double StartupMs { get; private set; }

    public bool HasExited => _process.HasExited;

    public static async Task<ServerProcess?> StartAsync(
        string name,
        string file,
        IEnumerable<string> arguments,
        int port,
        string? workingDirectory = null,
        IDictionary<string, string>? environment = null,
        string? probePath = "/",
        bool tls = false)
    {
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { if (log.Length < 20_000) { log.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { lock (log) { if (log.Length < 20_000) { log.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(name, process, port);

        using var handler = new SocketsHttpHandler { UseProxy = false, SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if (probePath is null)
                {
                    // Not an HTTP server (Redis): an accepted connection is enough.
                    using var tcp = new TcpClient();
                    await tcp.ConnectAsync("127.0.0.1", port);
                    server.StartupMs = stopwatch.Elapsed.TotalMilliseconds;
                    return server;
                }

                using var response = await client.GetAsync(new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port}{probePath}"));
                server.StartupMs = stopwatch.Elapsed.TotalMilliseconds;
                return server;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
            {
                await Task.Delay(20);
            }
        }

        Console.Error.WriteLine($"bench: {name} did not start on port {port}; its output:");
        lock (log)
        {
            Console.Error.WriteLine(log.ToString());
        }

        server.Dispose();
        return null;
    }

    /// <summary>CPU seconds (user + system) used so far by the process and its descendants.</summary>
    public double CpuSeconds() => ProcessTree(Pid).Sum(p => ReadCpuTicks(p)) / TicksPerSecond;

    /// <summary>Peak resident set size in MB (VmHWM), summed over the process tree.</summary>
    public double PeakRssMb() => ProcessTree(Pid).Sum(ReadPeakRssKb) / 1024.0;

    public static double MachineBusySeconds()
    {
        var first = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal
        long busy = 0;
        for (var i = 1; i <= 8 && i < first.Length; i++)
        {
            if (i is 4 or 5)
            {
                continue;
            }

            busy += long.Parse(first[i], CultureInfo.InvariantCulture);
        }

        return busy / TicksPerSecond;
    }

    public static List<int> ProcessTree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                var stat = TryRead(Path.Combine(dir, "stat"));
                if (stat is null)
                {
                    continue;
                }

                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(parents.Where(p => p.Value == result[i]).Select(p => p.Key));
        }

        return result;
    }

    public static long ReadCpuTicks(int pid)
    {
        var stat = TryRead($"/proc/{pid}/stat");
        if (stat is null)
        {
            return 0;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command: state(0) ppid(1) ... utime(11) stime(12)
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Resident memory now, in MB, by kind (summed over the process tree): pages mapped from files
    /// (the runtime's and the framework's code, shared with every process that maps them), shared
    /// memory (for .NET: the JIT's code, mapped twice under W^X) and private anonymous memory (heaps, stacks).
    /// </summary>
    public (double FileMb, double SharedMb, double AnonymousMb) ResidentByKindMb()
    {
        long file = 0, shared = 0, anonymous = 0;
        foreach (var pid in ProcessTree(Pid))
        {
            // One read of the status file per process for all three figures.
            var status = TryRead($"/proc/{pid}/status");
            file += StatusKb(status, "RssFile:");
            shared += StatusKb(status, "RssShmem:");
            anonymous += StatusKb(status, "RssAnon:");
        }

        return (file / 1024.0, shared / 1024.0, anonymous / 1024.0);
    }

    private static long ReadPeakRssKb(int pid) => StatusKb(TryRead($"/proc/{pid}/status"), "VmHWM:");

    private static long StatusKb(string? status, string field)
    {
        var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
