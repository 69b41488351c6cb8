namespace Samples.Tests.Streaming;

/// <summary>
/// The same proof with a real client: <c>curl -N</c> (no output buffering)
/// prints the first event it got through the sample while the backend still
/// holds the second, as a learner trying the docs' commands would see it.
/// </summary>
[Trait("Concept", "Streaming")]
public sealed class CurlStreamingTests
{
    [Theory]
    [InlineData(ProxyInFront.ForwardProxy)]
    [InlineData(ProxyInFront.ReverseProxy)]
    [InlineData(ProxyInFront.LoadBalancing)]
    [InlineData(ProxyInFront.Gateway)]
    public async Task CurlNoBuffer_EventStreamThroughSample_PrintsFirstEventBeforeSecondIsSent(string sample)
    {
        // Arrange
        var curl = RealClient.Require("curl", "curl");
        await using var backend = await EventStreamBackend.StartAsync();
        await using var proxy = ProxyInFront.Start(sample, backend.Url);
        var arguments = new List<string> { "-N", "-s", "--max-time", "30", "-H", "Accept: text/event-stream" };
        if (sample == ProxyInFront.ForwardProxy)
        {
            arguments.AddRange(["-x", proxy.Proxy.ToString(), "--noproxy", string.Empty]);
        }

        arguments.Add(proxy.Address("events").ToString());
        using var process = StartQuiet(curl, arguments);

        // Act
        var first = await process.StandardOutput.NextEventAsync();
        backend.Release();
        var second = await process.StandardOutput.NextEventAsync();
        using var exit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        exit.CancelAfter(StreamReading.Bound);
        await process.WaitForExitAsync(exit.Token);

        // Assert
        first.Should().Be(EventStreamBackend.FirstEvent, "curl printed the first event while the backend still held the second");
        second.Should().Be(EventStreamBackend.SecondEvent);
        process.ExitCode.Should().Be(0);
    }

    // curl with its output read as it comes, and without the machine's proxy settings (as RealClient runs it).
    private static Process StartQuiet(string path, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy" })
        {
            info.Environment.Remove(name);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {path}");
        _ = process.StandardError.ReadToEndAsync(Ct);
        return process;
    }
}
