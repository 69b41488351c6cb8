using Samples.SslTermination;

namespace Samples.Tests.SslTermination;

/// <summary>
/// Copies of 04 starting together on a fresh generated-certificates folder (the
/// test suite does, and so may a workshop) each end up with a certificate and
/// the key that belongs to it, never one writer's key beside another's certificate.
/// </summary>
[Trait("Concept", "Tls")]
public sealed class GeneratedCertificateRaceTests
{
    [Fact]
    public async Task EnsureSelfSigned_ManyAtOnceOnAFreshFolder_EachLoadsWhatItWasHanded()
    {
        // Arrange: a few rounds, each on a fresh folder, as many starts as the suite can have at once.
        using var folder = new TempFolder();
        var failures = new List<string>();

        // Act: each caller loads its pair straight away, as the sample does at start.
        for (var round = 0; round < 5; round++)
        {
            var fresh = Path.Combine(folder, $"round-{round}");
            var loads = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => LoadsAtOnce(fresh), Ct)));
            failures.AddRange(loads.OfType<string>());
        }

        // Assert
        failures.Should().BeEmpty();
        Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    // Null when the pair it was handed loads as a certificate with its own key; otherwise why not.
    private static string? LoadsAtOnce(string folder)
    {
        var (certPath, keyPath) = PemCertificates.EnsureSelfSigned(folder, TimeProvider.System);
        try
        {
            using var loaded = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            return loaded.HasPrivateKey ? null : "no private key";
        }
        catch (CryptographicException ex)
        {
            return ex.Message;
        }
    }
}
