using Samples.Scaffolding;

namespace Samples.SslTermination;

/// <summary>What 04 shows besides TLS termination itself: its demo backends, the banner's commands and the tour.</summary>
public sealed class SslTerminationDemo : SampleDemo
{
    private DemoBackends? _backends;

    public override string Title => "04 SSL termination";

    public override string Concept =>
        "HTTPS at the edge, plain HTTP behind: the proxy holds the certificate and tells the backend the client used HTTPS.";

    public override string ExampleUrl => "https://127.0.0.1:8443";

    // The access log says which TLS version and client certificate each request came with.
    public override IReadOnlyList<string> TourLogCategories => ["SslTermination.Access"];

    public override async Task<IReadOnlyList<DemoBackend>> StartBackendsAsync(WebApplication app, CancellationToken cancellationToken)
    {
        // The secure backend's CA goes into the proxy's backend trust, as Tls:BackendCaPath would.
        _backends = await DemoBackends.StartAsync(app.Services.GetRequiredService<BackendCaTrust>());
        return _backends.Backends;
    }

    public override IEnumerable<string> TryCommands(WebApplication app, bool backendsRunning)
    {
        var listeners = app.Services.GetRequiredService<ListenerRoles>();
        var served = app.Services.GetRequiredService<ServerCertificateSource>();
        var httpsBase = listeners.Https!.ToString().TrimEnd('/');
        yield return $"curl -i --cacert {served.CertificatePath} {httpsBase.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}/hello?from=curl";
        yield return $"curl -i --http2 --cacert {served.CertificatePath} {httpsBase}/hello";
        if (listeners.PlainHttp is { } plain)
        {
            yield return $"curl -i {plain.ToString().TrimEnd('/')}/hello?from=plain-http";
        }

        if (listeners.MutualTls is { } mtls && app.Services.GetRequiredService<ClientCaTrust>().GeneratedClient is var (cert, key))
        {
            yield return $"curl -i --cacert {served.CertificatePath} --cert {cert} --key {key} {mtls.ToString().TrimEnd('/')}/hello";
        }
    }

    public override IEnumerable<string> Notes(WebApplication app)
    {
        var served = app.Services.GetRequiredService<ServerCertificateSource>();
        if (app.Services.GetRequiredService<ListenerRoles>().MutualTls is { } mtls)
        {
            yield return $"Mutual TLS: {mtls.ToString().TrimEnd('/')}  (client certificate required)";
        }

        yield return $"Server certificate: {served.CertificatePath}{(served.Generated ? " (self-signed, made by this sample)" : string.Empty)}";
        yield return $"  SHA-256 {PemCertificates.Fingerprint(served.Current)}";
    }

    public override Task<int> RunTourAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var client = app.Services.GetRequiredService<ClientCaTrust>().GeneratedClient;
        return DemoTour.RunAsync(
            app.Services.GetRequiredService<ListenerRoles>(),
            app.Services.GetRequiredService<ServerCertificateSource>(),
            _backends,
            client?.CertificatePath,
            client?.KeyPath);
    }
}
