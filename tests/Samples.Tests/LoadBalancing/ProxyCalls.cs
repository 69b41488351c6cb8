namespace Samples.Tests.LoadBalancing;

/// <summary>Small helpers the load-balancing tests share: send N requests and count who answered, poll with a bound.</summary>
public static class ProxyCalls
{
    public static string? Destination(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Destination", out var values) ? string.Join(",", values) : null;

    /// <summary>Sends <paramref name="count"/> GETs one after another and counts X-Destination values.</summary>
    public static async Task<Dictionary<string, int>> SpreadAsync(HttpClient client, string path, int count)
    {
        var spread = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            response.EnsureSuccessStatusCode();
            var who = Destination(response) ?? "(none)";
            spread[who] = spread.GetValueOrDefault(who) + 1;
        }

        return spread;
    }

    /// <summary>Sends GETs and returns the X-Destination sequence.</summary>
    public static async Task<List<string?>> SequenceAsync(HttpClient client, string path, int count)
    {
        var sequence = new List<string?>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            sequence.Add(Destination(response));
        }

        return sequence;
    }

    /// <summary>Re-checks <paramref name="condition"/> every 100 ms until it holds or <paramref name="limit"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(limit);
        while (!cts.IsCancellationRequested)
        {
            if (await condition())
            {
                return true;
            }

            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return await condition();
    }
}
