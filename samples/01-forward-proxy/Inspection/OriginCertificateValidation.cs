using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Samples.ForwardProxy;

/// <summary>
/// How the proxy checks an origin's certificate when it fetches https:// URLs
/// out of an inspected tunnel. The client can no longer see that certificate
/// (it sees the proxy's), so the proxy must be at least as strict as the client
/// would have been: the system's trust store, plus one extra CA when
/// HttpsInspection:TrustedOriginCaPath names one (for test and demo origins),
/// host name checked, never "accept any". A refusal becomes a 502 whose body
/// says why; the client is never silently given an unverified answer.
/// </summary>
public sealed class OriginCertificateValidation(X509Certificate2? extraCa)
{
    private readonly ConcurrentDictionary<string, string> _lastProblem = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why the last certificate from <paramref name="host"/> was refused, if it was.</summary>
    public string? LastProblem(string host) => _lastProblem.TryGetValue(host, out var problem) ? problem : null;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var host = (sender as SslStream)?.TargetHostName ?? string.Empty;
        if (errors == SslPolicyErrors.None)
        {
            _lastProblem.TryRemove(host, out _);
            return true;
        }

        // Only an untrusted chain can be rescued by the extra CA; a wrong name or a missing certificate cannot.
        if (extraCa is not null && errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null)
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.Add(extraCa);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            if (custom.Build(presented))
            {
                _lastProblem.TryRemove(host, out _);
                return true;
            }
        }

        var details = chain?.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct() ?? [];
        _lastProblem[host] = $"{errors}{(details.Any() ? ": " + string.Join("; ", details) : string.Empty)}";
        return false;
    }
}
