using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// The arrangement most forward-proxy tests share: a WireMock origin, sample 01
/// on Kestrel, and a client that uses it as its proxy. Disposing the rig
/// disposes all three, client first.
/// </summary>
internal sealed class ForwardProxyRig(WireMockBackend origin, SampleHost<ForwardProxyApp> proxy, HttpClient client) : IAsyncDisposable
{
    /// <summary>
    /// Takes the three over; <paramref name="createClient"/> gets the started proxy
    /// (usually <c>p => ProxiedClient.Create(p.BaseAddress, ...)</c>).
    /// </summary>
    public static ForwardProxyRig Start(WireMockBackend origin, SampleHost<ForwardProxyApp> proxy, Func<SampleHost<ForwardProxyApp>, HttpClient> createClient) =>
        new(origin, proxy, createClient(proxy));

    public void Deconstruct(out WireMockBackend theOrigin, out SampleHost<ForwardProxyApp> theProxy, out HttpClient theClient) =>
        (theOrigin, theProxy, theClient) = (origin, proxy, client);

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await proxy.DisposeAsync();
        origin.Dispose();
    }
}
