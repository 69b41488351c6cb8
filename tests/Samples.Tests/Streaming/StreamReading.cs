namespace Samples.Tests.Streaming;

/// <summary>
/// Reads an answer line by line as it arrives, each read bounded, so that a
/// proxy holding a part back makes the read come back empty (null) instead of
/// hanging the test.
/// </summary>
public static class StreamReading
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>The next line, or null when none arrived within <see cref="Bound"/> (or the stream ended).</summary>
    public static async Task<string?> NextLineAsync(this StreamReader reader)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(Bound);
        try
        {
            return await reader.ReadLineAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The next line that is not empty (Server-Sent Events end each event with a blank line).</summary>
    public static async Task<string?> NextEventAsync(this StreamReader reader)
    {
        while (true)
        {
            var line = await reader.NextLineAsync();
            if (line is null || line.Length > 0)
            {
                return line;
            }
        }
    }

    /// <summary>GET <paramref name="address"/>, returning as soon as the headers are in; the body is read as it comes.</summary>
    public static Task<HttpResponseMessage> OpenAsync(this HttpClient client, Uri address, bool acceptEventStream = true)
    {
        // A request made by hand does not take the client's default version by itself.
        var request = new HttpRequestMessage(HttpMethod.Get, address) { Version = client.DefaultRequestVersion, VersionPolicy = client.DefaultVersionPolicy };
        if (acceptEventStream)
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
        }

        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }

    public static async Task<StreamReader> ReaderAsync(this HttpResponseMessage response) =>
        new(await response.Content.ReadAsStreamAsync(Ct), Encoding.UTF8);
}
