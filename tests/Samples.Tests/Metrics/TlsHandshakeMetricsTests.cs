using Samples.Tests.SslTermination;

namespace Samples.Tests.Metrics;

/// <summary>
/// 04's handshakes in its /metrics: Kestrel's own kestrel.tls_handshake.duration
/// histogram counts each handshake with its TLS version, and a failed one with
/// the reason (error.type).
/// </summary>
[Trait("Concept", "Observability")]
public sealed class TlsHandshakeMetricsTests
{
    private const string Handshakes = "kestrel_tls_handshake_duration_seconds_count";

    [Fact]
    public async Task SslTermination_OpensslHandshakes_CountedByProtocolAndFailureReason()
    {
        // Arrange
        var openssl = RealClient.Require("openssl", "openssl");
        await using var host = TlsSample.Start();
        var https = host.AddressFor("https");

        // Act: one TLS 1.3 handshake, and one TLS 1.1 attempt, which the proxy refuses.
        var modern = await RealClient.RunAsync(openssl, ["s_client", "-connect", $"127.0.0.1:{https.Port}", "-servername", "localhost", "-tls1_3", "-brief"], TimeSpan.FromSeconds(20), cancellationToken: Ct);
        var old = await RealClient.RunAsync(openssl, ["s_client", "-connect", $"127.0.0.1:{https.Port}", "-servername", "localhost", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0", "-brief"], TimeSpan.FromSeconds(20), cancellationToken: Ct);
        var metrics = await AdminScrape.ScrapeAsync(host.Services, Ct);

        // Assert
        modern.ExitCode.Should().Be(0, modern.StdErr);
        old.ExitCode.Should().NotBe(0);
        AdminScrape.Sum(metrics, Handshakes, "tls_protocol_version=\"1.3\"").Should().Be(1, metrics);
        AdminScrape.Samples(metrics, Handshakes).Where(s => s.Labels.Contains("error_type=")).Sum(s => s.Value).Should().Be(1, metrics);
    }
}
