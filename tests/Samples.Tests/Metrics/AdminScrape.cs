using System.Text.RegularExpressions;
using Samples.Scaffolding.Admin;

namespace Samples.Tests.Metrics;

/// <summary>Reads a sample's /metrics from its admin address, and the samples of one metric in it.</summary>
public static partial class AdminScrape
{
    /// <summary>The admin address the sample really listens on (tests put it on a free port).</summary>
    public static Uri AdminAddress(IServiceProvider services) =>
        new(services.GetRequiredService<AdminServer>().Addresses[0]);

    /// <summary>GET /metrics on the admin address: the Prometheus text exposition.</summary>
    public static async Task<string> ScrapeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = AdminAddress(services) };
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>
    /// Every sample line of <paramref name="metric"/> (name followed by labels or a space),
    /// as (labels, value); the HELP and TYPE comments are left out.
    /// </summary>
    public static IReadOnlyList<(string Labels, double Value)> Samples(string exposition, string metric) =>
        [.. exposition.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == metric)
            .Select(m => (m.Groups["labels"].Value, double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels contain every one of <paramref name="labels"/>.</summary>
    public static double Sum(string exposition, string metric, params string[] labels) =>
        Samples(exposition, metric).Where(s => labels.All(s.Labels.Contains)).Sum(s => s.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf|-Inf)( \d+)?\r?$")]
    private static partial Regex SampleLine();
}
