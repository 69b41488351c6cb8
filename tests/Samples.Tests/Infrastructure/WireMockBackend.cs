using WireMock.Logging;
using WireMock.Settings;

namespace Samples.Tests.Infrastructure;

/// <summary>
/// A fake backend on a dynamic loopback port: stub answers in one line, then
/// ask what it received (paths, headers, how many requests).
/// </summary>
public sealed class WireMockBackend : IDisposable
{
    private WireMockBackend(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    /// <summary>The backend's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url => new($"{(Server.Urls[0].StartsWith("https", StringComparison.Ordinal) ? "https" : "http")}://127.0.0.1:{Server.Port}/");

    public int Port => Server.Port;

    public static WireMockBackend Start(bool ssl = false)
    {
        var settings = new WireMockServerSettings
        {
            Urls = [$"{(ssl ? "https" : "http")}://127.0.0.1:{FreePort.Next()}"],
            StartAdminInterface = false,
        };
        return new WireMockBackend(WireMockServer.Start(settings));
    }

    /// <summary>Answers <paramref name="method"/> requests to <paramref name="path"/> (WireMock wildcards allowed).</summary>
    public WireMockBackend Stub(
        string path,
        int status = 200,
        string body = "",
        IDictionary<string, string>? headers = null,
        string method = "GET",
        TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(name, value);
        }

        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);
        return this;
    }

    /// <summary>Full WireMock API for anything the one-liner does not cover.</summary>
    public WireMockBackend Stub(Action<WireMockServer> configure)
    {
        configure(Server);
        return this;
    }

    public IReadOnlyList<ILogEntry> Received => [.. Server.LogEntries];

    public int ReceivedCount => Server.LogEntries.Count();

    public int ReceivedCountFor(string path) => Received.Count(e => e.RequestMessage?.Path == path);

    public ILogEntry? LastReceived => Received.LastOrDefault();

    /// <summary>The value of a header on the last request the backend received (null when absent).</summary>
    public string? LastHeader(string name) => HeaderOf(LastReceived, name);

    public static string? HeaderOf(ILogEntry? entry, string name)
    {
        var headers = entry?.RequestMessage?.Headers;
        if (headers is null)
        {
            return null;
        }

        foreach (var (key, values) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return string.Join(", ", values);
            }
        }

        return null;
    }

    /// <summary>
    /// Waits (bounded) until the backend has logged at least <paramref name="count"/>
    /// requests: WireMock may write its log entry just after the client already has the answer.
    /// </summary>
    public async Task<IReadOnlyList<ILogEntry>> ReceivedAtLeastAsync(int count, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (ReceivedCount < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, cancellationToken);
        }

        return Received;
    }

    public void Reset() => Server.ResetLogEntries();

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }
}
