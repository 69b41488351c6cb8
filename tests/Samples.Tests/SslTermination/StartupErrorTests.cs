namespace Samples.Tests.SslTermination;

/// <summary>
/// Bad certificate configuration stops the sample before it listens, with one line on
/// stderr naming the key, and exit code 2. The sample runs as its own process, as a
/// user would start it.
/// </summary>
[Trait("Concept", "Tls")]
public sealed class StartupErrorTests
{
    [Theory]
    [InlineData("cert", "Tls:CertificatePath")]
    [InlineData("key", "Tls:KeyPath")]
    public async Task MissingPemFile_StopsWithOneLineNamingTheKey(string missing, string expectedKey)
    {
        // Arrange
        using var folder = new TempFolder();
        using var certificate = TestCertificates.CreateSelfSigned();
        var (certPath, keyPath) = TestCertificates.WritePem(certificate, folder);
        var nope = Path.Combine(folder, "nope.pem");

        // Act
        var run = await RunSampleAsync(
            folder,
            $"--Tls:CertificatePath={(missing == "cert" ? nope : certPath)}",
            $"--Tls:KeyPath={(missing == "key" ? nope : keyPath)}");

        // Assert
        run.RefusedLine().Should().Be($"Configuration error: {expectedKey}: file '{nope}' does not exist");
    }

    [Fact]
    public async Task KeyThatDoesNotMatchTheCertificate_StopsNamingBothKeys()
    {
        // Arrange
        using var folder = new TempFolder();
        using var otherFolder = new TempFolder();
        using var one = TestCertificates.CreateSelfSigned();
        using var other = TestCertificates.CreateSelfSigned();
        var (certPath, _) = TestCertificates.WritePem(one, folder);
        var (_, otherKeyPath) = TestCertificates.WritePem(other, otherFolder);

        // Act
        var run = await RunSampleAsync(folder, $"--Tls:CertificatePath={certPath}", $"--Tls:KeyPath={otherKeyPath}");

        // Assert
        run.RefusedLine().Should().StartWith("Configuration error: Tls:CertificatePath/Tls:KeyPath: cannot read a certificate and matching private key");
    }

    [Fact]
    public async Task CertificateWithoutKeyPath_StopsNamingTheMissingKey()
    {
        // Arrange
        using var folder = new TempFolder();
        using var certificate = TestCertificates.CreateSelfSigned();
        var (certPath, _) = TestCertificates.WritePem(certificate, folder);

        // Act
        var run = await RunSampleAsync(folder, $"--Tls:CertificatePath={certPath}");

        // Assert
        run.RefusedLine().Should().StartWith("Configuration error: Tls:KeyPath: set both");
    }

    [Fact]
    public async Task UrlsWithoutAnyHttpsAddress_StopsNamingUrls()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        var run = await RunSampleAsync(folder, "--urls", "http://127.0.0.1:0");

        // Assert
        run.RefusedLine().Should().StartWith("Configuration error: urls: needs at least one https:// address");
    }

    [Theory]
    [InlineData("notaurl", "notaurl")]
    [InlineData("https://127.0.0.1:abc", "https://127.0.0.1:abc")]
    [InlineData("https://127.0.0.1:0;http://127.0.0.1:abc", "http://127.0.0.1:abc")]
    public async Task UrlsWithAnAddressThatIsNotOne_StopsNamingUrlsAndTheAddress(string urls, string wrong)
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        var run = await RunSampleAsync(folder, "--urls", urls);

        // Assert
        run.RefusedLine().Should().StartWith($"Configuration error: urls: '{wrong}' is not a listen address");
    }

    // The sample's build output is copied beside the tests; its content root is the
    // temp folder, so nothing is generated in the source tree. Later arguments win.
    private static Task<ClientRun> RunSampleAsync(string folder, params string[] arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? RealClient.Require("dotnet", "dotnet-sdk-10.0");
        var sample = Path.Combine(AppContext.BaseDirectory, "Samples.SslTermination.dll");
        return RealClient.RunAsync(
            dotnet,
            [sample, "--contentRoot", folder, "--urls", TlsSample.Urls, "--DemoBackends:Enabled=false", "--Admin:Urls=http://127.0.0.1:0", "--Tls:MutualTlsUrl=", "--Tls:GeneratedFolder=" + folder, .. arguments],
            TimeSpan.FromSeconds(60),
            cancellationToken: Ct);
    }
}
