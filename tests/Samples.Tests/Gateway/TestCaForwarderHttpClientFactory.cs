using System.Net.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Forwarder;

namespace Samples.Tests.Gateway;

/// <summary>
/// YARP's forwarding client for a test whose downstream has a certificate from
/// a test CA: the machine's trust is replaced by that one CA (a real chain
/// check, not "accept any"), as a deployment would add its CA to the trust store.
/// </summary>
internal sealed class TestCaForwarderHttpClientFactory(X509Certificate2 ca) : ForwarderHttpClientFactory(NullLogger<ForwarderHttpClientFactory>.Instance)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            return chain.Build(new X509Certificate2(certificate));
        };
    }
}
