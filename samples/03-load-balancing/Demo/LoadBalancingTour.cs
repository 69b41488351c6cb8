using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Samples.Scaffolding;

namespace Samples.LoadBalancing.Demo;

/// <summary>
/// "dotnet run -- demo": real requests through the balancer, a bar chart of
/// how each policy spread them, a backend killed mid-run without a single
/// failed request, its return, and a sticky session.
/// </summary>
public static class LoadBalancingTour
{
    private const int Requests = 300;
    private const string Failed = "(failed)";
    private static readonly string[] Names = ["alpha", "beta", "gamma"];

    public static async Task<int> RunAsync(Uri proxy, DemoFleet fleet)
    {
        var tour = new Tour("03 load balancing: the tour");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 16 }) { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(30) };

        tour.Step("Round robin: take turns", $"{Requests} GETs to /round-robin/, 6 at a time. Each backend's share is exact: one in three.");
        foreach (var name in Names)
        {
            fleet[name].ClearSeen();
        }

        var spread = await SpreadAsync(client, "round-robin", Requests, 6);
        Chart(tour, spread);
        var seenByBackends = Names.ToDictionary(n => n, n => fleet[n].Seen.Count(r => r.PathAndQuery.StartsWith("/round-robin/", StringComparison.Ordinal)));
        tour.Note($"backends counted: {string.Join(", ", seenByBackends.Select(kv => $"{kv.Key} {kv.Value}"))} (health probes not included)");
        tour.Check(Names.All(n => spread.GetValueOrDefault(n) == Requests / 3 && seenByBackends[n] == Requests / 3), "alpha, beta and gamma got exactly 100 each, by the client's count and by their own");

        tour.Step("Weighted round robin: 3:1:1", "The custom policy reads each destination's Weight metadata (alpha 3, beta 1, gamma 1) and interleaves: a b a c a ...");
        spread = await SpreadAsync(client, "weighted", Requests, 6);
        Chart(tour, spread);
        tour.Check(spread.GetValueOrDefault("alpha") == 180 && spread.GetValueOrDefault("beta") == 60 && spread.GetValueOrDefault("gamma") == 60, "alpha 180, beta 60, gamma 60: three fifths, one fifth, one fifth");

        tour.Step("Least requests: avoid the busy one", "gamma answers 30 ms slower, so it always has more requests in flight; the policy sends new ones to whoever has the fewest.");
        spread = await SpreadAsync(client, "least-requests", Requests, 6);
        Chart(tour, spread);
        tour.Check(spread.GetValueOrDefault("gamma") < Math.Min(spread.GetValueOrDefault("alpha"), spread.GetValueOrDefault("beta")), "gamma, the slow backend, got the fewest requests");

        tour.Step("Power of two choices: pick two at random, keep the less busy", "YARP's default policy: nearly as good as least-requests, without looking at every server.");
        spread = await SpreadAsync(client, "power-of-two", Requests, 6);
        Chart(tour, spread);
        tour.Check(spread.GetValueOrDefault(Failed) == 0 && Names.All(n => spread.GetValueOrDefault(n) > 0), "all 300 answered, every backend took part");

        tour.Step("Random", "No state at all; over many requests each backend gets about a third (the check allows 60 to 140 of 300).");
        spread = await SpreadAsync(client, "random", Requests, 6);
        Chart(tour, spread);
        tour.Check(Names.All(n => spread.GetValueOrDefault(n) is >= 60 and <= 140), "each backend got between 60 and 140");

        tour.Step("First alphabetical: active/standby", "Always the first healthy destination by name; the others wait as spares.");
        spread = await SpreadAsync(client, "first", Requests, 6);
        Chart(tour, spread);
        tour.Check(spread.GetValueOrDefault("alpha") == Requests, "all 300 went to alpha");

        await tour.EventStreamAsync(client, new Uri(proxy, "round-robin/events"));
        await tour.WebSocketEchoAsync(new Uri(proxy, "round-robin/echo"));

        await StickyAsync(tour, proxy, fleet);
        await FailoverAsync(tour, client, fleet);
        return tour.Finish();
    }

    private static async Task StickyAsync(Tour tour, Uri proxy, DemoFleet fleet)
    {
        tour.Step("Session affinity: a cookie pins the client", "The first answer from /sticky/ sets a cookie naming (a hash of) the destination; requests that carry it go back there.");
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { UseProxy = false, CookieContainer = cookies }) { BaseAddress = proxy };
        using var first = await browser.GetAsync(new Uri("sticky/cart", UriKind.Relative));
        tour.Client(first, "X-Destination", "Set-Cookie");
        var pinned = Tour.HeaderValue(first, "X-Destination");
        var seen = new HashSet<string?>();
        for (var i = 0; i < 20; i++)
        {
            using var again = await browser.GetAsync(new Uri("sticky/cart", UriKind.Relative));
            seen.Add(Tour.HeaderValue(again, "X-Destination"));
        }

        tour.Note($"20 more requests with the cookie went to: {string.Join(", ", seen)}");
        if (pinned is not null)
        {
            tour.Backend(fleet[pinned].LastSeen, "Cookie", "X-Forwarded-For", "X-Forwarded-Host");
        }

        tour.Check(pinned is not null && seen.Count == 1 && seen.Contains(pinned), $"every request with the cookie stayed on {pinned}");
    }

    private static async Task FailoverAsync(Tour tour, HttpClient client, DemoFleet fleet)
    {
        tour.Step("A backend dies mid-run", $"{Requests} GETs to /round-robin/, 4 at a time; after 100 answers, beta is stopped. Each GET that hits beta's closed port is retried once on another backend.");
        var spread = await SpreadAsync(client, "round-robin", Requests, 4, async done =>
        {
            if (done == 100)
            {
                await fleet.StopAsync("beta");
                tour.Note("... beta stopped");
            }
        });
        Chart(tour, spread);
        tour.Check(spread.GetValueOrDefault(Failed) == 0, "zero failed requests: every GET that hit the dead beta was answered by another backend");
        tour.Note("beta's share stops where it died; its later turns were answered by alpha and gamma. (Outside the tour, the log shows one 'Failover: ...' line per retry.)");
        tour.Note("Waiting 5 s so the active check (every 2 s, 2 failures in a row) sees beta down as well ...");
        await Task.Delay(TimeSpan.FromSeconds(5));

        tour.Step("The backend comes back", "beta starts again on its port; the active check's next good probe clears it, and it serves again once the passive check's 15 s reactivation period is over too.");
        await fleet.StartAsync("beta");
        var clock = Stopwatch.StartNew();
        string? answeredBy = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(45) && answeredBy != "beta")
        {
            for (var i = 0; i < 3 && answeredBy != "beta"; i++)
            {
                using var response = await client.GetAsync(new Uri("round-robin/", UriKind.Relative));
                answeredBy = Tour.HeaderValue(response, "X-Destination");
            }

            if (answeredBy != "beta")
            {
                await Task.Delay(500);
            }
        }

        tour.Note($"beta answered again after {clock.Elapsed.TotalSeconds:0.0} s");
        tour.Check(answeredBy == "beta", "beta rejoined the rotation once its health check passed");
        var after = await SpreadAsync(client, "round-robin", 30, 3);
        Chart(tour, after);
        tour.Check(Names.All(n => after.GetValueOrDefault(n) == 10), "round robin is back to one in three");
    }

    // Sends `total` GETs to one cluster, `concurrency` at a time, and counts who answered (X-Destination).
    private static async Task<Dictionary<string, int>> SpreadAsync(HttpClient client, string prefix, int total, int concurrency, Func<int, Task>? afterEach = null)
    {
        var counts = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var issued = 0;
        var done = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref issued) <= total)
            {
                string who;
                try
                {
                    using var response = await client.GetAsync(new Uri($"{prefix}/item", UriKind.Relative));
                    who = response.IsSuccessStatusCode ? Tour.HeaderValue(response, "X-Destination") ?? "?" : Failed;
                }
                catch (HttpRequestException)
                {
                    who = Failed;
                }

                counts.AddOrUpdate(who, 1, (_, n) => n + 1);
                if (afterEach is not null)
                {
                    await afterEach(Interlocked.Increment(ref done));
                }
            }
        });
        await Task.WhenAll(workers);
        return new Dictionary<string, int>(counts, StringComparer.OrdinalIgnoreCase);
    }

    private static void Chart(Tour tour, Dictionary<string, int> spread)
    {
        var total = Math.Max(1, spread.Values.Sum());
        foreach (var name in Names.Concat(spread.Keys.Except(Names, StringComparer.OrdinalIgnoreCase)))
        {
            var count = spread.GetValueOrDefault(name);
            tour.Note($"  {name,-8} {new string('█', count * 50 / total),-50} {count,4}");
        }
    }
}
