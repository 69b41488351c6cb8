using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Samples.OcelotGateway.Loading;
using Samples.Scaffolding;

namespace Samples.OcelotGateway.Demo;

/// <summary>
/// The tour's policy steps, against the sample's ocelot.json: a burst that
/// hits the limit (and a whitelisted client that does not), a cached answer
/// and a cleared region, a slow downstream timing out, the circuit opening
/// and, after a live edit of the file, closing again; a broken edit rejected;
/// an aggregate.
/// </summary>
public static class PolicyTour
{
    /// <summary>
    /// The tour edits the Ocelot file while the gateway runs, so it works on a
    /// copy (with any ocelot.{Environment}.json beside it) in a temporary folder,
    /// never on the learner's own file.
    /// </summary>
    public static string CopyForTour(string configFile)
    {
        var folder = Directory.CreateTempSubdirectory("ocelot-tour-").FullName;
        var name = Path.GetFileNameWithoutExtension(configFile);
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(Path.GetFullPath(configFile))!, $"{name}*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return Path.Combine(folder, Path.GetFileName(configFile));
    }

    public static async Task RunPolicyStepsAsync(Tour tour, HttpClient client, DemoServices services, string configFile, OcelotFileWatcher? watcher)
    {
        await RateLimitAsync(tour, client, services);
        await CacheAsync(tour, client, services);
        await QosAndReloadAsync(tour, client, services, configFile, watcher);
        await AggregateAsync(tour, client, services);
    }

    private static async Task RateLimitAsync(Tour tour, HttpClient client, DemoServices services)
    {
        tour.Step("Rate limit: a burst of four", "Routes[8] allows 3 requests per 10 s per client; going over costs a 10 s Wait.");
        services.ClearSeen();
        var statuses = new List<int>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.GetAsync(new Uri("/limited/burst", UriKind.Relative));
            statuses.Add((int)last.StatusCode);
        }

        tour.Note($"statuses: {string.Join(", ", statuses)}");
        tour.Client(last!, "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining");
        tour.Note($"orders-1 saw {services.Orders1.Seen.Count} of them");
        tour.Check(statuses.SequenceEqual([200, 200, 200, 429]) && services.Orders1.Seen.Count == 3 && last!.Headers.RetryAfter is not null,
            "three passed, the fourth got 429 with Retry-After and never reached the downstream");

        tour.Step("Rate limit: a whitelisted client", "Oc-Client: tour-vip is on Routes[8]'s ClientWhitelist.");
        var vip = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/limited/vip");
            request.Headers.Add("Oc-Client", "tour-vip");
            using var response = await client.SendAsync(request);
            vip.Add((int)response.StatusCode);
        }

        tour.Note($"statuses: {string.Join(", ", vip)}");
        tour.Check(vip.All(s => s == 200), "every request of the whitelisted client passed");
    }

    private static async Task CacheAsync(Tour tour, HttpClient client, DemoServices services)
    {
        tour.Step("Cache: the same GET twice", "Routes[9] keeps answers 30 s in region \"catalog\".");
        services.ClearSeen();
        var first = await client.GetAsync(new Uri("/cached/books", UriKind.Relative));
        tour.Client(first, "Cache-Status");
        var second = await client.GetAsync(new Uri("/cached/books", UriKind.Relative));
        tour.Client(second, "Cache-Status", "Age");
        tour.Note($"orders-2 saw {services.Orders2.Seen.Count} request(s)");
        tour.Check(Tour.HeaderValue(second, "Cache-Status")?.EndsWith("hit", StringComparison.Ordinal) == true && services.Orders2.Seen.Count == 1,
            "the second answer came from the cache; the downstream was called once");

        tour.Step("Cache: an administrator clears the region", "DELETE /admin/outputcache/catalog needs a token with role admin.");
        using var anonymous = await client.DeleteAsync(new Uri("/admin/outputcache/catalog", UriKind.Relative));
        tour.Client(anonymous);
        using var tokenAnswer = await client.PostAsJsonAsync(new Uri("/demo/token", UriKind.Relative), new DemoTokenRequest("root", "admin"), DemoJson.Default.DemoTokenRequest);
        var token = (await tokenAnswer.Content.ReadFromJsonAsync(DemoJson.Default.TokenAnswer))?.AccessToken ?? "";
        using var clear = new HttpRequestMessage(HttpMethod.Delete, "/admin/outputcache/catalog");
        clear.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var cleared = await client.SendAsync(clear);
        tour.Client(cleared);
        var third = await client.GetAsync(new Uri("/cached/books", UriKind.Relative));
        tour.Client(third, "Cache-Status");
        tour.Check(anonymous.StatusCode == HttpStatusCode.Unauthorized && cleared.StatusCode == HttpStatusCode.NoContent && services.Orders2.Seen.Count == 2,
            "401 without a token; 204 with an admin token, and the next GET went to the downstream again");
    }

    private static async Task QosAndReloadAsync(Tour tour, HttpClient client, DemoServices services, string configFile, OcelotFileWatcher? watcher)
    {
        tour.Step("QoS: a slow downstream times out", "Routes[10]'s downstream takes 3 s; its Timeout is 1 s.");
        services.ClearSeen();
        var clock = Stopwatch.StartNew();
        var timedOut = await client.GetAsync(new Uri("/slow/report", UriKind.Relative));
        tour.Client(timedOut);
        tour.Note($"answered after {clock.Elapsed.TotalSeconds:0.0} s");
        tour.Check(timedOut.StatusCode == HttpStatusCode.ServiceUnavailable, "503 Service Unavailable instead of waiting 3 s");

        tour.Step("QoS: the circuit opens", "A second timeout makes 2 failures (MinimumThroughput); the circuit opens for 5 s.");
        (await client.GetAsync(new Uri("/slow/report", UriKind.Relative))).Dispose();
        var seenBefore = services.Accounts.Seen.Count;
        clock.Restart();
        var open = await client.GetAsync(new Uri("/slow/report", UriKind.Relative));
        tour.Client(open);
        tour.Note($"answered after {clock.Elapsed.TotalMilliseconds:0} ms: {await open.Content.ReadAsStringAsync()}");
        tour.Check(open.StatusCode == HttpStatusCode.ServiceUnavailable && services.Accounts.Seen.Count == seenBefore,
            "503 at once, and the downstream was not called");

        tour.Step("Hot reload: a live edit of ocelot.json", "Routes[10] now points at a fast path; same QoS settings, so the open circuit is kept.");
        var original = await File.ReadAllTextAsync(configFile);
        var reloaded = await EditAsync(watcher, configFile, original.Replace("/api/slow/{everything}", "/api/users/{everything}", StringComparison.Ordinal));
        tour.Check(reloaded, "the gateway applied the edited file without a restart");

        tour.Step("QoS: the circuit half-opens and closes", "After BreakDuration (5 s) one trial call goes through; it succeeds, so the circuit closes.");
        await Task.Delay(TimeSpan.FromSeconds(5) - clock.Elapsed + TimeSpan.FromMilliseconds(200));
        var trial = await client.GetAsync(new Uri("/slow/report", UriKind.Relative));
        tour.Client(trial);
        tour.Backend(services.Accounts.LastSeen);
        var after = await client.GetAsync(new Uri("/slow/again", UriKind.Relative));
        tour.Client(after);
        tour.Check(trial.StatusCode == HttpStatusCode.OK && after.StatusCode == HttpStatusCode.OK, "the trial and the next call reached the (edited) downstream");

        tour.Step("Hot reload: a broken edit is rejected", "A misspelt key; the log line names it, and the routes in force keep working.");
        var at = original.IndexOf("\"DownstreamScheme\"", StringComparison.Ordinal);
        var broken = await EditAsync(watcher, configFile, original[..at] + "\"DownstreamSchema\"" + original[(at + "\"DownstreamScheme\"".Length)..]);
        var stillThere = await client.GetAsync(new Uri("/slow/still", UriKind.Relative));
        tour.Client(stillThere);
        tour.Check(!broken && stillThere.StatusCode == HttpStatusCode.OK, "the edit was rejected and the last good configuration stayed in force");
    }

    private static async Task AggregateAsync(Tour tour, HttpClient client, DemoServices services)
    {
        tour.Step("Aggregate: one call, two routes", "/dashboard calls /profile and /basket in parallel and merges them under their Keys.");
        services.ClearSeen();
        var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        tour.Client(response);
        var body = await response.Content.ReadAsStringAsync();
        tour.Note(body);
        var json = JsonNode.Parse(body) as JsonObject;
        tour.Check(response.StatusCode == HttpStatusCode.OK && json?["profile"] is not null && json["basket"] is not null,
            "200 with \"profile\" and \"basket\" in one JSON object");
    }

    // Writes the file and waits for the watcher's verdict (true: applied).
    private static async Task<bool> EditAsync(OcelotFileWatcher? watcher, string configFile, string text)
    {
        if (watcher is null)
        {
            return false;
        }

        var verdict = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnReloaded(bool accepted) => verdict.TrySetResult(accepted);
        watcher.Reloaded += OnReloaded;
        try
        {
            await File.WriteAllTextAsync(configFile, text);
            return await verdict.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            watcher.Reloaded -= OnReloaded;
        }
    }
}
