namespace Samples.Tests.Browser;

/// <summary>
/// An HTTPS origin on a free loopback port, with a certificate made for this
/// test, that answers one HTML page and remembers what it was asked.
/// </summary>
public sealed class HttpsOrigin : IAsyncDisposable
{
    private HttpsOrigin(DemoBackend backend, X509Certificate2 certificate)
    {
        Backend = backend;
        Certificate = certificate;
    }

    public DemoBackend Backend { get; }

    public X509Certificate2 Certificate { get; }

    public Uri Url => Backend.Url;

    public int ReceivedCountFor(string path) =>
        Backend.Seen.Count(r => r.PathAndQuery == path);

    public static async Task<HttpsOrigin> StartAsync(string path, string html, CancellationToken cancellationToken)
    {
        var certificate = Infrastructure.TestCertificates.CreateSelfSigned("localhost", "127.0.0.1");
        var backend = await DemoBackend.StartAsync(
            "https-origin",
            0,
            app => app.MapGet(path, () => Results.Content(html, "text/html; charset=utf-8")),
            builder =>
            {
                builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
            },
            "https",
            cancellationToken);
        return new HttpsOrigin(backend, certificate);
    }

    public async ValueTask DisposeAsync()
    {
        await Backend.DisposeAsync();
        Certificate.Dispose();
    }
}
