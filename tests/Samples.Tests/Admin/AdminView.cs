using Samples.Scaffolding.Admin;
using Samples.Scaffolding.Admin.RequestView;

namespace Samples.Tests.Admin;

/// <summary>
/// A client for a running sample's admin address (where AdminServer really
/// listens, port resolved), reading the live view as a script would.
/// </summary>
public sealed class AdminView : IDisposable
{
    // A request's entry is stored once the sample's pipeline has returned, which can be a moment after its client read the answer.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private AdminView(Uri address) =>
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Client { get; }

    public Uri Address => Client.BaseAddress!;

    public static AdminView Of(IServiceProvider sample) =>
        new(new Uri(sample.GetRequiredService<AdminServer>().Addresses[0].TrimEnd('/') + "/"));

    /// <summary>GET /requests: the ring, oldest first, once it holds at least <paramref name="atLeast"/> entries (or five seconds passed).</summary>
    public async Task<IReadOnlyList<RecordedRequest>> RequestsAsync(int atLeast, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var json = await Client.GetStringAsync(new Uri("requests", UriKind.Relative), cancellationToken);
            var requests = JsonSerializer.Deserialize(json, RequestViewJson.Default.IReadOnlyListRecordedRequest)!;
            if (requests.Count >= atLeast || DateTime.UtcNow > deadline)
            {
                return requests;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>The last entry, once one for <paramref name="target"/> is there.</summary>
    public async Task<RecordedRequest> LastForAsync(string target, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var requests = await RequestsAsync(1, cancellationToken);
            if (requests.LastOrDefault(r => r.Target == target) is { } found)
            {
                return found;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"a request for {target} should appear in /requests; it holds {string.Join(", ", requests.Select(r => r.Target))}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    public void Dispose() => Client.Dispose();
}
