using System.Net;
using System.Security.Cryptography.X509Certificates;
using Samples.Scaffolding;

namespace Samples.ForwardProxy;

/// <summary>
/// The scripted tour behind "dotnet run -- demo": real requests through the
/// proxy to the demo origins, printing what the client saw and what the origin
/// saw. Settings that differ per step (the anonymity level, the filter rules)
/// get a proxy of their own, started from the same code on a free port.
/// </summary>
public sealed class ForwardProxyTour(WebApplication proxy, DemoOrigins origins, Func<string[], WebApplication> buildProxy)
{
    public async Task<int> RunAsync()
    {
        var tour = new Tour("01 forward proxy: a proxy that works for the client");
        if (!origins.Running)
        {
            tour.Check(false, "the tour needs the demo origins (run without --DemoBackends:Enabled=false)");
            return tour.Finish();
        }

        await AnonymityLevelsAsync(tour);
        await CacheAsync(tour);
        using (var client = CreateClient(ProxyUri))
        {
            await tour.EventStreamAsync(client, new Uri(origins.A.Url, "events"));
        }

        await FiltersAsync(tour);
        await TunnelAsync(tour);
        await InspectionAsync(tour);
        return tour.Finish();
    }

    private async Task AnonymityLevelsAsync(Tour tour)
    {
        foreach (var level in Enum.GetValues<AnonymityLevel>())
        {
            tour.Step(
                $"What the origin sees at anonymity level {level}",
                "The client sends a forged X-Forwarded-For: 203.0.113.7 to see whether it survives.");
            await using var extra = await StartExtraProxyAsync($"--ForwardProxy:Anonymity={level}");
            using var client = CreateClient(extra.Uri);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origins.A.Url, "whoami"));
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
            origins.A.ClearSeen();

            var response = await client.SendAsync(request);

            tour.Client(response, "Via");
            var seen = origins.A.LastSeen;
            tour.Backend(seen, "X-Forwarded-For", "Via");
            var forwardedFor = seen?.Header("X-Forwarded-For");
            var via = seen?.Header("Via");
            switch (level)
            {
                case AnonymityLevel.Transparent:
                    tour.Check(forwardedFor == "203.0.113.7, 127.0.0.1", "Transparent keeps the chain and appends the client's real address");
                    tour.Check(via is not null, "Via tells the origin a proxy was used");
                    break;
                case AnonymityLevel.Anonymous:
                    tour.Check(forwardedFor is null, "Anonymous removes every client-identifying header, forged ones too");
                    tour.Check(via is not null, "Via still tells the origin a proxy was used");
                    break;
                case AnonymityLevel.Elite:
                    tour.Check(forwardedFor is null && via is null, "Elite leaves no client address and no sign of a proxy");
                    break;
            }
        }
    }

    private async Task CacheAsync(Tour tour)
    {
        tour.Step("A cacheable answer: a miss, then a hit", "The origin says Cache-Control: public, max-age=60.");
        using var client = CreateClient(ProxyUri);
        var url = new Uri(origins.B.Url, "cacheable/tour");
        origins.B.ClearSeen();
        var first = await client.GetAsync(url);
        tour.Client(first, "Cache-Status", "Age");
        if (Tour.HeaderValue(first, "Cache-Status") is null)
        {
            tour.Note("This build has no cache wired in (Caching/ passes every request through), so the cache steps are skipped.");
            return;
        }

        var second = await client.GetAsync(url);
        tour.Client(second, "Cache-Status", "Age");
        tour.Check(Tour.HeaderValue(second, "Cache-Status")?.Contains("hit", StringComparison.Ordinal) == true, "the second request is answered from the cache");
        tour.Check(origins.B.Seen.Count == 1, $"the origin was asked once ({origins.B.Seen.Count})");

        tour.Step("A private answer is never kept", "The origin says Cache-Control: private: it is meant for one user only.");
        origins.B.ClearSeen();
        var privateUrl = new Uri(origins.B.Url, "private/tour");
        await client.GetAsync(privateUrl);
        var again = await client.GetAsync(privateUrl);
        tour.Client(again, "Cache-Status");
        tour.Check(Tour.HeaderValue(again, "Cache-Status")?.Contains("hit", StringComparison.Ordinal) != true, "a shared cache does not answer from a private response");
        tour.Check(origins.B.Seen.Count == 2, $"the origin was asked both times ({origins.B.Seen.Count})");
    }

    private async Task FiltersAsync(Tour tour)
    {
        await using var filtering = await StartExtraProxyAsync(
            "--ForwardProxy:Filter:BlockedHosts:0=*.tracker.localhost",
            "--ForwardProxy:Filter:BlockedUrlPatterns:0=^http://[^/]+/ads/");
        using var client = CreateClient(filtering.Uri);

        tour.Step("A blocked host", "Rule BlockedHosts *.tracker.localhost: the domain and every name under it.");
        var blockedHost = await client.GetAsync(new Uri("http://pixel.tracker.localhost/collect"));
        tour.Client(blockedHost, "Content-Type");
        var body = await blockedHost.Content.ReadAsStringAsync();
        tour.Note("body: " + body.Trim());
        tour.Check(blockedHost.StatusCode == HttpStatusCode.Forbidden && body.Contains("*.tracker.localhost", StringComparison.Ordinal), "403, naming the rule that matched");

        tour.Step("A blocked URL on an allowed host", "Rule BlockedUrlPatterns ^http://[^/]+/ads/: a regular expression over the whole URL.");
        origins.A.ClearSeen();
        var blockedUrl = await client.GetAsync(new Uri(origins.A.Url, "ads/banner.png"));
        tour.Client(blockedUrl);
        tour.Backend(origins.A.LastSeen);
        tour.Check(blockedUrl.StatusCode == HttpStatusCode.Forbidden && origins.A.LastSeen is null, "403, and the origin never heard of it");
    }

    private async Task TunnelAsync(Tour tour)
    {
        tour.Step(
            "HTTPS through a CONNECT tunnel",
            $"The client asks the proxy for a tunnel to 127.0.0.1:{origins.Secure.Port} and speaks TLS to the origin inside it.");
        var log = proxy.Services.GetRequiredService<AccessLog>();
        using (var client = CreateClient(ProxyUri, origins.HttpsCertificate))
        {
            var response = await client.GetAsync(new Uri(origins.Secure.Url, "secret?card=4111-1111"));
            tour.Client(response);
        }

        tour.Backend(origins.Secure.LastSeen, "Host");
        var line = await WaitForAsync(log, e => e.Method == "CONNECT" && e.Target == $"127.0.0.1:{origins.Secure.Port}");

        tour.Note($"proxy's access log: {line}");
        tour.Check(origins.Secure.LastSeen?.PathAndQuery == "/secret?card=4111-1111", "the origin got the full request");
        tour.Check(line is not null && !line.Target.Contains("secret", StringComparison.Ordinal), "the proxy saw only host and port: path, query and headers stayed encrypted");
    }

    private async Task InspectionAsync(Tour tour)
    {
        var originPem = origins.HttpsCertificatePemPath!;
        await using var inspecting = await StartExtraProxyAsync(
            "--ForwardProxy:HttpsInspection:Enabled=true",
            "--ForwardProxy:HttpsInspection:Hosts:0=localhost",
            $"--ForwardProxy:HttpsInspection:TrustedOriginCaPath={originPem}",
            $"--ForwardProxy:AllowedConnectPorts:0={origins.Secure.Port}");
        var root = inspecting.App.Services.GetRequiredService<RootCertificateAuthority>();
        var log = inspecting.App.Services.GetRequiredService<AccessLog>();

        tour.Step(
            "HTTPS inspection, off for 127.0.0.1: still a blind tunnel",
            "This proxy inspects only the host 'localhost' (HttpsInspection:Hosts); 127.0.0.1 is not on the list.");
        using (var client = CreateClient(inspecting.Uri, origins.HttpsCertificate))
        {
            tour.Client(await client.GetAsync(new Uri($"https://127.0.0.1:{origins.Secure.Port}/secret")));
        }

        var blind = await WaitForAsync(log, e => e.Method == "CONNECT" && e.Target == $"127.0.0.1:{origins.Secure.Port}");
        tour.Note($"proxy's access log: {blind}");
        tour.Check(blind?.Detail?.StartsWith("tunnel up=", StringComparison.Ordinal) == true, "blind: the log has host and port, nothing more");

        tour.Step(
            "HTTPS inspection, on for localhost: the proxy reads the requests",
            $"The client trusts the proxy's root CA ({root.PublicPemPath}); the proxy ends its TLS with a certificate for localhost signed by that root.");
        using (var client = CreateClient(inspecting.Uri, root.Certificate))
        {
            var secret = await client.GetAsync(new Uri($"https://localhost:{origins.Secure.Port}/secret?card=4111-1111"));
            tour.Client(secret, "Via");
            var url = new Uri($"https://localhost:{origins.Secure.Port}/cacheable/inspected");
            await client.GetAsync(url);
            var again = await client.GetAsync(url);
            tour.Client(again, "Cache-Status", "Age");
            foreach (var line in log.Recent.Where(e => e.Target.StartsWith("https://", StringComparison.Ordinal)))
            {
                tour.Note($"proxy's access log: {line}");
            }

            tour.Check(log.Recent.Any(e => e.Target == $"https://localhost:{origins.Secure.Port}/secret?card=4111-1111"), "inspected: the log has the full URL, path and query included");
            if (Tour.HeaderValue(again, "Cache-Status") is { } status)
            {
                tour.Check(status.Contains("hit", StringComparison.Ordinal), "an inspected HTTPS answer can be cached like a plain one");
            }
        }

        tour.Backend(origins.Secure.LastSeen, "Via", "X-Forwarded-For");

        tour.Step(
            "A client that does not trust the proxy's root",
            "It trusts only the origin's own certificate, so it sees through the impersonation and stops.");
        var issuer = "?";
        using (var client = CreateClient(inspecting.Uri, origins.HttpsCertificate, i => issuer = i))
        {
            try
            {
                await client.GetAsync(new Uri($"https://localhost:{origins.Secure.Port}/secret"));
                tour.Check(false, "the handshake should have failed");
            }
            catch (HttpRequestException ex)
            {
                tour.Note($"client error: {ex.Message} {ex.InnerException?.Message}");
                tour.Note($"why: the certificate for localhost was issued by '{issuer}', a root this client was never told to trust");
                tour.Check(ex.InnerException is System.Security.Authentication.AuthenticationException, "the client refused the proxy's certificate: inspection needs the client's consent, given by trusting the root");
            }
        }
    }

    private static async Task<AccessLogEntry?> WaitForAsync(AccessLog log, Func<AccessLogEntry, bool> match)
    {
        // A tunnel's line is written when it closes, a moment after the client is done.
        for (var i = 0; i < 50; i++)
        {
            if (log.Recent.LastOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(100);
        }

        return null;
    }

    private Uri ProxyUri => new(proxy.Urls.First());

    private async Task<ExtraProxy> StartExtraProxyAsync(params string[] settings)
    {
        var app = buildProxy(["--urls=http://127.0.0.1:0", "--DemoBackends:Enabled=false", "--Logging:LogLevel:Default=Warning", .. settings]);
        await app.StartAsync();
        return new ExtraProxy(app);
    }

    // A client configured as a person would configure a browser: everything, loopback
    // included, goes through the proxy. For HTTPS it trusts the demo origin's own
    // certificate and nothing else.
    private static HttpClient CreateClient(Uri proxyUri, X509Certificate2? trustedOrigin = null, Action<string>? shown = null)
    {
        var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(proxyUri) { BypassProxyOnLocal = false },
            UseProxy = true,
            UseCookies = false,
        };
        if (trustedOrigin is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                shown?.Invoke(certificate?.Issuer ?? "no certificate");
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(trustedOrigin);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            };
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    private sealed class ExtraProxy(WebApplication app) : IAsyncDisposable
    {
        public WebApplication App => app;

        public Uri Uri { get; } = new(app.Urls.First());

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
