namespace Samples.Tests.ReverseProxy;

/// <summary>
/// WireMock may add a request to its log a moment after the answer has left,
/// so a test that has its response can still find the log one entry short.
/// Waiting (bounded) for the entries a test expects removes that race.
/// </summary>
public static class BackendLog
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Waits until the backend has logged at least <paramref name="count"/> requests, or five seconds pass.</summary>
    public static async Task SettledAsync(this WireMockBackend backend, int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (backend.ReceivedCount < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }
}
