namespace Samples.Tests.SslTermination;

/// <summary>TLS 1.2 and 1.3 only, checked with a real openssl client; HTTP/2 chosen by ALPN.</summary>
[Trait("Concept", "Tls")]
public sealed class ProtocolVersionTests
{
    // OpenSSL 3 will not offer TLS 1.1 at its default security level; level 0 lets it try.
    private const string WeakCiphers = "DEFAULT@SECLEVEL=0";

    [Theory]
    [InlineData("-tls1_2", "TLSv1.2")]
    [InlineData("-tls1_3", "TLSv1.3")]
    public async Task Openssl_ModernVersion_HandshakeSucceeds(string versionFlag, string expected)
    {
        // Arrange
        var openssl = RealClient.Require("openssl", "openssl");
        await using var host = TlsSample.Start();
        var https = host.AddressFor("https");

        // Act
        var run = await RealClient.RunAsync(
            openssl,
            ["s_client", "-connect", $"127.0.0.1:{https.Port}", "-servername", "localhost", versionFlag, "-brief"],
            TimeSpan.FromSeconds(20),
            cancellationToken: Ct);

        // Assert: -brief prints the negotiated version on stderr.
        run.ExitCode.Should().Be(0, run.StdErr);
        (run.StdOut + run.StdErr).Should().Contain($"Protocol version: {expected}");
    }

    [Fact]
    public async Task Openssl_Tls11_RefusedByTheProxyThoughTheClientCanSpeakIt()
    {
        // Arrange
        var openssl = RealClient.Require("openssl", "openssl");
        using var folder = new TempFolder();
        using var certificate = TestCertificates.CreateSelfSigned();
        var (certPath, keyPath) = TestCertificates.WritePem(certificate, folder);
        await using var host = TlsSample.Start();
        var https = host.AddressFor("https");

        // Act 1: prove this openssl can do TLS 1.1 at all, against a throw-away TLS 1.1 server,
        // or the refusal below could be the client's own doing.
        var port = FreePort.Next();
        var control = await ThrowAwayTls11ServerHandshake(openssl, certPath, keyPath, port);

        // Act 2: the same client settings against the proxy.
        var run = await RealClient.RunAsync(
            openssl,
            ["s_client", "-connect", $"127.0.0.1:{https.Port}", "-servername", "localhost", "-tls1_1", "-cipher", WeakCiphers, "-brief"],
            TimeSpan.FromSeconds(20),
            cancellationToken: Ct);

        // Assert
        control.ExitCode.Should().Be(0, "the client must be able to speak TLS 1.1: " + control.StdErr);
        (control.StdOut + control.StdErr).Should().Contain("Protocol version: TLSv1.1");
        run.ExitCode.Should().NotBe(0);
        run.StdErr.Should().Contain("alert protocol version");
    }

    [Fact]
    public async Task Alpn_ClientOffersH2_Http2IsNegotiated()
    {
        // Arrange
        await using var sample = await PinnedSampleClient.StartAsync("/h2", "over h2");

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Get, "/h2") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var response = await sample.Client.SendAsync(request, Ct);

        // Assert
        sample.Alpn.Should().Be(SslApplicationProtocol.Http2);
        response.Version.Should().Be(HttpVersion.Version20);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("over h2");
    }

    private static async Task<ClientRun> ThrowAwayTls11ServerHandshake(string openssl, string certPath, string keyPath, int port)
    {
        var server = new System.Diagnostics.ProcessStartInfo(openssl)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "s_server", "-accept", $"127.0.0.1:{port}", "-cert", certPath, "-key", keyPath, "-tls1_1", "-cipher", WeakCiphers })
        {
            server.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(server)!;
        try
        {
            await WaitUntilAccepting(process);
            return await RealClient.RunAsync(
                openssl,
                ["s_client", "-connect", $"127.0.0.1:{port}", "-tls1_1", "-cipher", WeakCiphers, "-brief"],
                TimeSpan.FromSeconds(20),
                cancellationToken: Ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    // s_server prints ACCEPT once it listens; wait for that line (bounded), then connect.
    private static async Task WaitUntilAccepting(System.Diagnostics.Process server)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("ACCEPT", StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException("openssl s_server exited before accepting: " + await server.StandardError.ReadToEndAsync(timeout.Token));
    }
}
