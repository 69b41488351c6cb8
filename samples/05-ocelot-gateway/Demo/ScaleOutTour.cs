using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.OutputCaching;
using Samples.OcelotGateway.Policies;
using Samples.OcelotGateway.Scaling;
using Samples.Scaffolding;

namespace Samples.OcelotGateway.Demo;

/// <summary>
/// The tour's scale-out steps (--Gateway:Instances=2): a burst spread over
/// both instances, and an answer cached by one asked of the other. With
/// Gateway:Redis both act as one gateway; without it each counts and caches
/// alone, and the tour says so.
/// </summary>
public static class ScaleOutTour
{
    public static async Task RunAsync(Tour tour, HttpClient first, DemoServices services)
    {
        using var second = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = SecondInstance.Url };
        HttpClient[] instances = [first, second];
        var run = Guid.NewGuid().ToString("N")[..8];

        tour.Step("Two gateway instances: where each keeps its state", "GET /healthz on 8085 and on 8086.");
        var modes = new List<string>();
        foreach (var instance in instances)
        {
            using var health = await instance.GetAsync(new Uri("/healthz", UriKind.Relative));
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            var mode = json.RootElement.GetProperty("stateStore").GetString() ?? "";
            modes.Add(mode);
            tour.Note($"{instance.BaseAddress}: stateStore = {mode}");
        }

        var shared = modes.All(m => m == RedisConnection.RedisMode);
        tour.Check(modes.Count == 2, "both instances answer /healthz");
        if (!shared)
        {
            tour.Note("Neither shares its state (no Gateway:Redis, or Redis unreachable): each instance keeps its own counters");
            tour.Note("and its own cache. Run redis-server --port 6379 and add --Gateway:Redis=127.0.0.1:6379 to share them.");
        }

        tour.Step("A burst spread over both instances", "Routes[8] allows Limit requests per Period per client; the requests alternate 8085, 8086, 8085, ...");
        var client = $"scale-{run}";
        using var probe = Request(HttpMethod.Get, $"/limited/{run}", client);
        using var firstAnswer = await first.SendAsync(probe);
        var limit = long.TryParse(Tour.HeaderValue(firstAnswer, "X-RateLimit-Limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 0;
        var passed = firstAnswer.IsSuccessStatusCode ? 1 : 0;
        var burst = (int)Math.Max(2, limit * 2);
        var line = new List<string> { $"8085:{(int)firstAnswer.StatusCode}" };
        for (var i = 1; i < burst; i++)
        {
            var instance = instances[i % 2];
            using var request = Request(HttpMethod.Get, $"/limited/{run}", client);
            using var response = await instance.SendAsync(request);
            passed += response.IsSuccessStatusCode ? 1 : 0;
            line.Add($"{instance.BaseAddress!.Port}:{(int)response.StatusCode}");
        }

        tour.Note(string.Join("  ", line));
        tour.Note($"{passed} of {burst} passed; the route's Limit is {limit}");
        if (shared)
        {
            tour.Check(passed == limit, "the burst stopped at the one shared Limit, whichever instance each request reached");
        }
        else
        {
            tour.Note("Each instance counted only the requests it saw (half of the burst), so together they let twice the Limit through.");
            tour.Check(passed == burst, "without a shared store the limit multiplies by the number of instances");
        }

        tour.Step("An answer cached by one instance, asked of the other", "Routes[9] caches 30 s in region \"catalog\"; first 8085, then 8086.");
        services.ClearSeen();
        var path = $"/cached/{run}";
        using var stored = await first.GetAsync(new Uri(path, UriKind.Relative));
        tour.Client(stored, "Cache-Status");
        using var other = await second.GetAsync(new Uri(path, UriKind.Relative));
        tour.Client(other, "Cache-Status");
        var calls = services.All.Sum(b => b.Seen.Count(s => s.PathAndQuery.EndsWith(run, StringComparison.Ordinal)));
        tour.Note($"the downstream was called {calls} time(s)");
        var hit = Tour.HeaderValue(other, "Cache-Status")?.Contains("hit", StringComparison.Ordinal) == true;
        if (shared)
        {
            tour.Check(other.StatusCode == HttpStatusCode.OK && hit && calls == 1, "8086 served 8085's cached answer from Redis; the downstream saw one request");
        }
        else
        {
            tour.Check(other.StatusCode == HttpStatusCode.OK && !hit && calls == 2, "each instance filled its own cache: the downstream saw two requests");
        }
    }

    /// <summary>
    /// Redis outlives a demo run: a second run within a route's TTL or Wait
    /// would find the first run's cached answers and refusals, and the tour's
    /// "first request" would not be a first request. With Redis, the tour
    /// starts by clearing the configuration's cache regions and rate-limit
    /// counters (only those: keys under the routes' KeyPrefix values).
    /// </summary>
    public static async Task ForgetPreviousRunAsync(IServiceProvider services)
    {
        if (services.GetService<RedisConnection>() is not { IsAvailable: true, Multiplexer: { } redis })
        {
            return;
        }

        var policies = services.GetRequiredService<GatewayPolicyStore>().Routes;
        var cache = services.GetRequiredService<IOutputCacheStore>();
        foreach (var region in policies.Select(p => p.Cache?.Region).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            await cache.EvictByTagAsync(region, CancellationToken.None);
        }

        var database = redis.GetDatabase();
        foreach (var prefix in policies.Select(p => p.RateLimit?.KeyPrefix).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            foreach (var server in redis.GetServers())
            {
                await foreach (var key in server.KeysAsync(pattern: $"{{{prefix}:*"))
                {
                    await database.KeyDeleteAsync(key);
                }
            }
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string client)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("Oc-Client", client);
        return request;
    }
}
