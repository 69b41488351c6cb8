namespace Samples.Tests.ForwardProxy;

/// <summary>
/// HttpClients that really use the proxy under test, as a configured browser
/// would: a WebProxy that does not bypass loopback, optionally from another
/// loopback source address (127.0.0.2) so that the origin can tell the client's
/// address from the proxy's.
/// </summary>
public static class ProxiedClient
{
    public static readonly IPAddress OtherLoopback = IPAddress.Parse("127.0.0.2");

    public static HttpClient Create(
        Uri proxy,
        IPAddress? bindTo = null,
        ICredentials? credentials = null,
        X509Certificate2? trustedOrigin = null,
        TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(proxy) { BypassProxyOnLocal = false, Credentials = credentials },
            UseProxy = true,
            AllowAutoRedirect = false,
            UseCookies = false,
            ActivityHeadersPropagator = null,
        };

        if (bindTo is not null)
        {
            // Every connection the client opens (to the proxy) leaves from bindTo.
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(bindTo, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        if (trustedOrigin is not null)
        {
            // Trust exactly this origin certificate (or its CA), nothing else: never "accept any".
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(trustedOrigin);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            };
        }

        return new HttpClient(handler, disposeHandler: true) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }
}
