using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

/// <summary>
/// Sample 03 booted with its own appsettings.json, every cluster pointed at a
/// <see cref="BackendTrio"/> (alpha, beta and gamma on free ports), plus any
/// extra settings a test needs. In memory (TestServer) unless a test asks for
/// real TCP.
/// </summary>
public sealed class BalancerUnderTest : IAsyncDisposable
{
    private HttpClient? _client;

    private BalancerUnderTest(BackendTrio backends, SampleHost<LoadBalancingApp> host)
    {
        Backends = backends;
        Host = host;
    }

    public BackendTrio Backends { get; }

    public SampleHost<LoadBalancingApp> Host { get; }

    /// <summary>One shared client per balancer, for tests that only send requests and read the answers.</summary>
    public HttpClient Client => _client ??= Host.CreateClient();

    /// <summary>
    /// Starts the backends, lets <paramref name="backends"/> change them before
    /// the sample sees them, then starts the sample with <paramref name="settings"/>
    /// on top of the backends' addresses; <paramref name="logs"/>, when given,
    /// receives everything the sample logs.
    /// </summary>
    public static BalancerUnderTest Start(
        (string Key, string? Value)[]? settings = null,
        HostMode mode = HostMode.TestServer,
        Action<BackendTrio>? backends = null,
        ILoggerProvider? logs = null)
    {
        var trio = BackendTrio.Start();
        try
        {
            backends?.Invoke(trio);
            var host = SampleHost<LoadBalancingApp>.Start(
                trio.Settings(settings ?? []),
                mode,
                services: logs is null ? null : s => s.AddSingleton(logs));
            return new BalancerUnderTest(trio, host);
        }
        catch
        {
            trio.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await Host.DisposeAsync();
        Backends.Dispose();
    }
}
