using System.Text.Json;

namespace Samples.Tests.Metrics;

/// <summary>
/// A real Prometheus (Debian's package) on a free loopback port, scraping the
/// given targets every second into a fresh folder in /tmp. Skips locally, and
/// fails under CI, when it is not installed. Asked through its HTTP API.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly HttpClient _api;
    private readonly StringBuilder _output = new();

    private PrometheusServer(Process process, DirectoryInfo folder, int port)
    {
        _process = process;
        _folder = folder;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    /// <summary>What Prometheus printed so far (its log), for a failing test's message.</summary>
    public string Log
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<PrometheusServer> StartAsync(IEnumerable<Uri> targets, CancellationToken cancellationToken)
    {
        var prometheus = RealClient.Require("prometheus", "prometheus");
        var folder = Directory.CreateTempSubdirectory("samples-prometheus-");
        var port = FreePort.Next();
        var config = Path.Combine(folder.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: samples
                metrics_path: /metrics
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t.Authority}'"))}]

            """, cancellationToken);

        var info = new ProcessStartInfo(prometheus) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(folder.FullName, "data"), $"--web.listen-address=127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(argument);
        }

        var server = new PrometheusServer(Process.Start(info)!, folder, port);
        server._process.OutputDataReceived += server.Append;
        server._process.ErrorDataReceived += server.Append;
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Runs an instant query until it returns at least one series (or <paramref name="within"/> passes);
    /// returns the series' labels and values, empty when none arrived.
    /// </summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Labels, string Value)>> QueryUntilFoundAsync(string query, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await _api.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    var series = json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
                        .Select(s => (
                            s.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty),
                            s.GetProperty("value")[1].GetString() ?? string.Empty))
                        .ToList();
                    if (series.Count > 0)
                    {
                        return series;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        return [];
    }

    private void Append(object sender, DataReceivedEventArgs e)
    {
        lock (_output)
        {
            _output.AppendLine(e.Data);
        }
    }

    public void Dispose()
    {
        _api.Dispose();
        ServerProcessCleanup.StopAndDelete(_process, _folder);
    }
}
