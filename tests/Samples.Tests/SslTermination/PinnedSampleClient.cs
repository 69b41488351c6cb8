using Samples.SslTermination;

namespace Samples.Tests.SslTermination;

/// <summary>
/// The arrangement most of these tests share: a WireMock backend that answers one
/// path, the 04 sample in front of it, one handshake to learn the certificate it
/// serves, and a client that pins exactly that certificate.
/// </summary>
internal sealed class PinnedSampleClient : IAsyncDisposable
{
    private PinnedSampleClient(WireMockBackend backend, SampleHost<SslTerminationApp> host, SslApplicationProtocol alpn, X509Certificate2 certificate, HttpClient client)
    {
        Backend = backend;
        Host = host;
        Alpn = alpn;
        Certificate = certificate;
        Client = client;
    }

    public WireMockBackend Backend { get; }

    public SampleHost<SslTerminationApp> Host { get; }

    /// <summary>The first HTTPS address, with its real port.</summary>
    public Uri Https => Host.AddressFor("https");

    /// <summary>What ALPN chose in the first handshake.</summary>
    public SslApplicationProtocol Alpn { get; }

    public X509Certificate2 Certificate { get; }

    public HttpClient Client { get; }

    /// <param name="byName">true: the client addresses the proxy as localhost (the name in the certificate), not 127.0.0.1.</param>
    public static async Task<PinnedSampleClient> StartAsync(string path, string body, bool byName = false)
    {
        var backend = WireMockBackend.Start().Stub(path, body: body);
        var host = TlsSample.Start(backend.Url);
        var https = host.AddressFor("https");
        var (_, alpn, certificate) = await TlsSample.HandshakeAsync(https, cancellationToken: Ct);
        var client = TlsSample.PinnedClient(byName ? new Uri($"https://localhost:{https.Port}/") : https, certificate);
        return new PinnedSampleClient(backend, host, alpn, certificate, client);
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) =>
        Client.GetAsync(new Uri(pathAndQuery, UriKind.Relative), Ct);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Certificate.Dispose();
        await Host.DisposeAsync();
        Backend.Dispose();
    }
}
