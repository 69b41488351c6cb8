using System.Diagnostics;
using System.Globalization;
using Samples.Scaffolding;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// --Gateway:Instances=2: a second copy of this gateway, in its own process
/// on 8086, with the same configuration. Its own process, as a real second
/// machine would be: the two share nothing but what Gateway:Redis points at.
/// </summary>
public sealed partial class SecondInstance : IAsyncDisposable
{
    /// <summary>The keys the first instance sets on the second.</summary>
    private const string InstancesKey = "Gateway:Instances";
    private const string FirstInstanceKey = "Gateway:FirstInstance";

    /// <summary>Where the second instance listens.</summary>
    public static readonly Uri Url = new("http://127.0.0.1:8086/");

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private SecondInstance(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the second instance and waits until it answers /healthz. Its log lines are shown prefixed with [8086],
    /// unless <paramref name="quiet"/> (the demo tour prints its own account).
    /// </summary>
    public static async Task<SecondInstance> StartAsync(IHostEnvironment environment, IReadOnlyList<string> configArgs, bool quiet, ILogger logger)
    {
        // The same program with the same arguments, then the overrides: the last value of a key wins.
        var self = Environment.ProcessPath ?? throw StartupException.ForKey(InstancesKey, "cannot tell which program to start again");
        var info = new ProcessStartInfo(self)
        {
            WorkingDirectory = environment.ContentRootPath,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, typeof(GatewayApp).Assembly.GetName().Name + ".dll"));
        }

        foreach (var argument in configArgs)
        {
            info.ArgumentList.Add(argument);
        }

        // The demo backends already run in the first instance; the second routes to the same ones.
        info.ArgumentList.Add($"--urls={Url.GetLeftPart(UriPartial.Authority)}");
        info.ArgumentList.Add("--DemoBackends:Enabled=false");
        info.ArgumentList.Add($"--{InstancesKey}=1");
        info.ArgumentList.Add($"--{FirstInstanceKey}={Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");

        var process = Process.Start(info) ?? throw StartupException.ForKey(InstancesKey, "the second instance did not start");
        var lastError = "";
        process.OutputDataReceived += (_, line) =>
        {
            if (!quiet && line.Data is { } text)
            {
                Console.WriteLine($"[8086] {text}");
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { Length: > 0 } text)
            {
                lastError = text;
                if (!quiet)
                {
                    Console.Error.WriteLine($"[8086] {text}");
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var second = new SecondInstance(process);
        if (!await second.WaitUntilReadyAsync())
        {
            var exited = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not answer within {ReadyWithin.TotalSeconds:0} s";
            await second.DisposeAsync();
            throw StartupException.ForKey(InstancesKey, $"the second instance on {Url} {exited} {lastError}".TrimEnd());
        }

        LogStarted(logger, Url.ToString(), process.Id);
        return second;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(bounded.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed is killed; the wait only tidies up.
            }
        }

        _process.Dispose();
    }

    // Bounded polling: a cold start of a second .NET process takes a few seconds on a busy machine.
    private async Task<bool> WaitUntilReadyAsync()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        return false;
    }

    [LoggerMessage(EventId = 5305, Level = LogLevel.Information, Message = "Second gateway instance started at {Url} (process {Pid})")]
    private static partial void LogStarted(ILogger logger, string url, int pid);
}
