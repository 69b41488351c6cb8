using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Samples.Bench;

/// <summary>One wrk run's numbers.</summary>
public sealed record WrkResult(double RequestsPerSecond, long Requests, double P50Ms, double P99Ms, long Errors);

/// <summary>Runs wrk (one thread, N connections, bounded duration) and reads its summary.</summary>
public static partial class Wrk
{
    public static string? Path => new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists);

    public static async Task<WrkResult?> RunAsync(string url, int connections, int seconds, string? script)
    {
        var info = new ProcessStartInfo(Path!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-t1", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "5s" })
        {
            info.ArgumentList.Add(a);
        }

        if (script is not null)
        {
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add(script);
        }

        info.ArgumentList.Add(url);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"bench: wrk failed for {url}: {error.Trim()}");
            return null;
        }

        var rps = Number(RpsRegex(), output);
        var requests = (long)Number(RequestsRegex(), output);
        var errors = (long)Number(Non2xxRegex(), output);
        foreach (Match m in SocketErrorsRegex().Matches(output))
        {
            for (var g = 1; g <= 4; g++)
            {
                errors += long.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
            }
        }

        return new WrkResult(rps, requests, Latency(output, "50%"), Latency(output, "99%"), errors);
    }

    private static double Number(Regex regex, string text)
    {
        var m = regex.Match(text);
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static double Latency(string text, string percentile)
    {
        var m = Regex.Match(text, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success)
        {
            return 0;
        }

        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RpsRegex();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsRegex();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xxRegex();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsRegex();
}
