using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Samples.Scaffolding;

namespace Samples.SslTermination;

/// <summary>The scripted tour behind "dotnet run -- demo": real TLS clients against the running proxy.</summary>
public static class DemoTour
{
    public static async Task<int> RunAsync(ListenerRoles listeners, ServerCertificateSource served, DemoBackends? demo, string? clientCertPath, string? clientKeyPath)
    {
        var tour = new Tour("04 SSL termination: the tour");
        var https = listeners.Https!;
        var pinned = PemCertificates.Fingerprint(served.Current);

        // The tour trusts exactly one certificate: the one whose fingerprint the banner prints.
        bool Pin(X509Certificate? certificate) => certificate is not null && PemCertificates.Fingerprint(certificate) == pinned;

        tour.Step("The handshake as a client sees it", "A TLS client connects to the HTTPS port, offering h2 and http/1.1 by ALPN.");
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(https.Host, https.Port);
            await using var tls = new SslStream(tcp.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Pin(certificate),
            });
            tour.Note($"protocol:    {tls.SslProtocol}");
            tour.Note($"cipher:      {tls.NegotiatedCipherSuite}");
            tour.Note($"ALPN:        {tls.NegotiatedApplicationProtocol}");
            tour.Note($"subject:     {tls.RemoteCertificate?.Subject}");
            tour.Note($"SHA-256:     {PemCertificates.Fingerprint(tls.RemoteCertificate!)}");
            tour.Check(tls.SslProtocol is System.Security.Authentication.SslProtocols.Tls12 or System.Security.Authentication.SslProtocols.Tls13, "TLS 1.2 or 1.3 was negotiated");
            tour.Check(tls.NegotiatedApplicationProtocol == SslApplicationProtocol.Http2, "ALPN chose HTTP/2");
        }

        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => Pin(certificate) },
        })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            Timeout = TimeSpan.FromSeconds(15),
        };

        tour.Step("The same request as the backend sees it", "The proxy decrypts, then forwards plain HTTP with X-Forwarded-Proto/For/Host.");
        var url = $"https://localhost:{https.Port}/hello?from=tour";
        using (var response = await client.GetAsync(url))
        {
            tour.Client(response, "Strict-Transport-Security");
            tour.Note($"client used: HTTP/{response.Version}");
            var seen = demo?.Whoami.LastSeen;
            tour.Backend(seen, "X-Forwarded-Proto", "X-Forwarded-For", "X-Forwarded-Host");
            var echoed = await EchoedUrl(response);
            tour.Note($"backend built this URL from them: {echoed}");
            tour.Check(response.StatusCode == HttpStatusCode.OK, "the backend answered through the proxy");
            tour.Check(seen is { Scheme: "http" } && seen.Header("X-Forwarded-Proto") == "https", "the backend got plain HTTP, told the client was on HTTPS");
            tour.Check(echoed == url, "the backend's idea of its own URL is the one the client used");
            tour.Check(Tour.HeaderValue(response, "Strict-Transport-Security") is not null, "the answer carries Strict-Transport-Security");
        }

        if (demo is not null)
        {
            tour.Step("TLS bridging", "/secure/ goes to an HTTPS backend, whose certificate must chain to the configured backend CA.");
            using var response = await client.GetAsync($"https://localhost:{https.Port}/secure/report");
            tour.Client(response);
            tour.Backend(demo.Secure.LastSeen, "X-Forwarded-Proto");
            tour.Check(response.StatusCode == HttpStatusCode.OK && demo.Secure.LastSeen?.Scheme == "https", "the proxy re-encrypted to the backend and trusted it through the CA");
        }

        tour.Step("Plain HTTP is redirected", "Port 8084 never proxies: it answers 308 to the same path and query on HTTPS.");
        var plain = listeners.PlainHttp;
        if (plain is not null)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(plain, "/hello?from=plain")) { Version = HttpVersion.Version11 });
            tour.Client(response, "Location");
            tour.Check(response.StatusCode == HttpStatusCode.PermanentRedirect && response.Headers.Location?.ToString() == $"https://{plain.Host}:{https.Port}/hello?from=plain", "308 to the HTTPS port, path and query kept");
        }

        tour.Step("A TLS 1.1 client is refused", "openssl s_client, told to allow TLS 1.1 and weak ciphers, tries the HTTPS port.");
        var openssl = new[] { "/usr/bin/openssl", "/usr/local/bin/openssl" }.FirstOrDefault(File.Exists);
        if (openssl is null)
        {
            tour.Note("openssl is not installed: skipped (apt-get install openssl)");
        }
        else
        {
            var (exit, output) = await Run(openssl, ["s_client", "-connect", $"{https.Host}:{https.Port}", "-servername", "localhost", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"]);
            tour.Note($"openssl exit code {exit}; {output.Split('\n').FirstOrDefault(l => l.Contains("alert", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase))?.Trim()}");
            tour.Check(exit != 0, "the handshake failed: this proxy speaks TLS 1.2 and 1.3 only");
        }

        if (listeners.MutualTls is { } mtls && clientCertPath is not null && clientKeyPath is not null)
        {
            tour.Step("Mutual TLS on its own port", "Port 8444 asks for a client certificate during the handshake; the backend gets it in X-Client-Cert.");
            using var clientCertificate = PemCertificates.Load(clientCertPath, clientKeyPath, "client.pem", "client-key.pem");
            using var withCertificate = new HttpClient(new SocketsHttpHandler
            {
                UseProxy = false,
                SslOptions =
                {
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => Pin(certificate),
                    ClientCertificates = [clientCertificate],
                },
            })
            { Timeout = TimeSpan.FromSeconds(15) };
            using var response = await withCertificate.GetAsync($"https://localhost:{mtls.Port}/hello?from=mtls");
            tour.Client(response);
            tour.Note($"backend says the client was: {await JsonField(response, "clientCertificate")}");
            tour.Check(response.StatusCode == HttpStatusCode.OK && demo?.Whoami.LastSeen?.Header("X-Client-Cert") is { Length: > 0 }, "with a certificate signed by the client CA: accepted and passed on");

            var refused = false;
            try
            {
                using var without = await client.GetAsync($"https://localhost:{mtls.Port}/hello");
            }
            catch (HttpRequestException ex)
            {
                refused = true;
                // With TLS 1.3 the client finishes its half of the handshake before the server's
                // verdict arrives, so the refusal surfaces as a connection that breaks at once.
                tour.Note($"without a certificate: {ex.Message}");
            }

            tour.Check(refused, "without a client certificate: the handshake is refused");
        }

        return tour.Finish();
    }

    private static async Task<string?> EchoedUrl(HttpResponseMessage response) => await JsonField(response, "url");

    private static async Task<string?> JsonField(HttpResponseMessage response, string name)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<(int ExitCode, string Output)> Run(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
