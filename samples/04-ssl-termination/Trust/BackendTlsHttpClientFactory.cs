using Yarp.ReverseProxy.Forwarder;

namespace Samples.SslTermination;

/// <summary>
/// The HTTP client YARP forwards with, its TLS check replaced: an https://
/// destination (TLS bridging) must present a certificate the machine trusts or
/// one signed by Tls:BackendCaPath. This runs after YARP applied a cluster's own
/// settings, so it also replaces any "accept anything" a cluster might carry
/// (DangerousAcceptAnyServerCertificate). The trust is looked up when a backend's
/// certificate arrives: YARP builds this factory while the app is built, before
/// the configuration has been checked.
/// </summary>
public sealed class BackendTlsHttpClientFactory(IServiceProvider services, ILogger<ForwarderHttpClientFactory> logger)
    : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => services.GetRequiredService<BackendCaTrust>().ValidatesServer(certificate, errors);
    }
}
