using System.Globalization;
using System.Text;

namespace Samples.Bench;

/// <summary>The Markdown table and the SVG bar chart of one benchmark run.</summary>
public sealed record Report(string Markdown, string Svg)
{
    public static Report Build(BenchOptions options, List<Scenario> scenarios, Dictionary<string, List<Sample>> results, List<ServerProcess> servers)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            if (sorted.Count == 0)
            {
                return 0;
            }

            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        var inv = CultureInfo.InvariantCulture;
        var medians = results.ToDictionary(r => r.Key, r => Median(r.Value.Select(s => s.Wrk.RequestsPerSecond)));
        var direct = medians.GetValueOrDefault("direct");
        var md = new StringBuilder();
        md.AppendLine(inv, $"# Benchmark results ({(options.Smoke ? "smoke run: numbers mean nothing" : "full run")})");
        md.AppendLine();
        md.AppendLine(inv, $"- when: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        md.AppendLine(inv, $"- load: wrk -t1 -c{options.Connections} -d{options.Seconds}s, {options.Rounds} round(s), scenarios in rotation; backend: nginx `return 200` (one worker)");
        md.AppendLine("- ratios compare medians within this run only; CPU is the measured process's user+system time per request (from /proc/PID/stat); 'other load' is how many cores everything else (wrk, the backend, the rest of the machine) kept busy during the runs");
        md.AppendLine();
        md.AppendLine("| scenario | job | req/s median (min–max) | p50 ms | p99 ms | × direct | × anchor | × bare YARP | CPU µs/req | peak RSS MB | other load (cores) |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var s in scenarios)
        {
            var runs = results[s.Name];
            if (runs.Count == 0)
            {
                md.AppendLine(inv, $"| {s.Name} | {s.Job} | failed | | | | | | | | |");
                continue;
            }

            var rps = medians[s.Name];
            string Ratio(string? other) => other is not null && medians.TryGetValue(other, out var o) && o > 0 ? (rps / o).ToString("F2", inv) + $" ({other})" : "–";
            md.AppendLine(inv, $"| {s.Name} | {s.Job} | {rps:F0} ({runs.Min(r => r.Wrk.RequestsPerSecond):F0}–{runs.Max(r => r.Wrk.RequestsPerSecond):F0}) | {Median(runs.Select(r => r.Wrk.P50Ms)):F2} | {Median(runs.Select(r => r.Wrk.P99Ms)):F2} | {(direct > 0 ? rps / direct : 0):F2} | {Ratio(s.Anchor)} | {Ratio(s.Bare)} | {Median(runs.Select(r => r.CpuMicrosPerRequest)):F0} | {s.Measured.PeakRssMb():F0} | {Median(runs.Select(r => r.OtherCores)):F2} |");
        }

        md.AppendLine();
        md.AppendLine("Start-up, process start to first answered request:");
        md.AppendLine();
        foreach (var server in servers)
        {
            md.AppendLine(inv, $"- {server.Name}: {server.StartupMs:F0} ms");
        }

        md.AppendLine();
        md.AppendLine("Resident memory at the end of the run (MB): mapped from files (runtime and framework code, shared with every process that maps it) + shared memory (.NET: JIT-compiled code) + private (heaps, stacks, buffers):");
        md.AppendLine();
        foreach (var server in servers.Where(s => !s.HasExited))
        {
            var (file, shared, anonymous) = server.ResidentByKindMb();
            md.AppendLine(inv, $"- {server.Name}: {file:F0} + {shared:F0} + {anonymous:F0} = {file + shared + anonymous:F0} (peak {server.PeakRssMb():F0})");
        }

        return new Report(md.ToString(), Chart(scenarios, medians));
    }

    private static string Chart(List<Scenario> scenarios, Dictionary<string, double> medians)
    {
        var inv = CultureInfo.InvariantCulture;
        const int rowHeight = 26, labelWidth = 230, barWidth = 520;
        var max = Math.Max(1, medians.Values.DefaultIfEmpty(1).Max());
        var height = (scenarios.Count * rowHeight) + 50;
        var svg = new StringBuilder();
        svg.AppendLine(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barWidth + 120}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"13\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine(inv, $"<text x=\"10\" y=\"20\" font-weight=\"bold\">Requests per second (median of the rounds), higher is better</text>");
        var y = 40;
        foreach (var s in scenarios)
        {
            var value = medians.GetValueOrDefault(s.Name);
            var width = value / max * barWidth;
            var aot = s.Name.EndsWith(BenchRunner.AotSuffix, StringComparison.Ordinal);
            var colour = s.Name.StartsWith('0') ? (aot ? "#1b4f9c" : "#3b7dd8") : s.Name == "direct" || s.Name.StartsWith("bare YARP", StringComparison.Ordinal) ? (aot ? "#666666" : "#999999") : "#e08a2c";
            svg.AppendLine(inv, $"<text x=\"10\" y=\"{y + 16}\">{System.Security.SecurityElement.Escape(s.Name)}</text>");
            svg.AppendLine(inv, $"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{width:F1}\" height=\"{rowHeight - 8}\" fill=\"{colour}\"/>");
            svg.AppendLine(inv, $"<text x=\"{labelWidth + width + 6:F1}\" y=\"{y + 16}\">{value:F0}</text>");
            y += rowHeight;
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }
}
