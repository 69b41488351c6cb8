namespace Samples.Tests.ForwardProxy;

/// <summary>
/// A real Squid on a free loopback port, configured under a fresh folder in /tmp
/// (no cache on disk, loopback clients only, CONNECT to the given ports), to be a
/// parent proxy for sample 01. Skips locally, and fails under CI, when Squid is not
/// installed. Its access.log is kept, so a test can see what went through it.
/// </summary>
public sealed class SquidParent : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private SquidParent(Process process, DirectoryInfo folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The name Squid puts in its Via entry, "1.1 squid-parent (squid/N)".</summary>
    public const string VisibleHostname = "squid-parent";

    /// <summary>Squid's access.log so far: one line per request or tunnel it handled.</summary>
    public string AccessLog
    {
        get
        {
            var path = Path.Combine(_folder.FullName, "access.log");
            if (!File.Exists(path))
            {
                return string.Empty;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
    }

    public static async Task<SquidParent> StartAsync(IEnumerable<int> connectPorts, CancellationToken cancellationToken)
    {
        var squid = RealClient.Find("squid") ?? (File.Exists("/usr/sbin/squid") ? "/usr/sbin/squid" : RealClient.Require("squid", "squid"));
        var folder = Directory.CreateTempSubdirectory("samples-squid-");

        // Squid started by root drops to its own user (proxy), which must be able to write its logs here.
        if (!OperatingSystem.IsWindows())
        {
            folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        }

        var port = FreePort.Next();
        var ports = string.Join(' ', connectPorts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        var config = Path.Combine(folder.FullName, "squid.conf");
        await File.WriteAllTextAsync(config, $"""
            http_port 127.0.0.1:{port}
            visible_hostname {VisibleHostname}
            pid_filename {folder.FullName}/squid.pid
            cache_log {folder.FullName}/cache.log
            access_log stdio:{folder.FullName}/access.log
            coredump_dir {folder.FullName}
            cache deny all
            cache_mem 8 MB
            pinger_enable off
            shutdown_lifetime 0 seconds
            acl CONNECT method CONNECT
            acl tunnel_ports port {(ports.Length == 0 ? "443" : ports)}
            http_access deny CONNECT !tunnel_ports
            http_access allow localhost
            http_access deny all

            """, cancellationToken);

        var info = new ProcessStartInfo(squid) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-N", "-f", config })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var parent = new SquidParent(process, folder, port);
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (process.HasExited)
            {
                break;
            }

            if (await AcceptsAsync(port, cancellationToken))
            {
                return parent;
            }

            await Task.Delay(100, cancellationToken);
        }

        var log = File.Exists(Path.Combine(folder.FullName, "cache.log")) ? await File.ReadAllTextAsync(Path.Combine(folder.FullName, "cache.log"), cancellationToken) : "(no cache.log)";
        parent.Dispose();
        throw new InvalidOperationException($"squid did not listen on 127.0.0.1:{port}: {log}");
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        ServerProcessCleanup.StopAndDelete(_process, _folder);
    }
}
