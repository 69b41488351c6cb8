using Samples.ReverseProxy;

namespace Samples.Tests.Foundation;

/// <summary>The shared test kit works end to end: a WireMock backend behind a YARP route, on both hosts.</summary>
[Trait("Concept", "Foundation")]
public sealed class InfrastructureTests
{
    [Theory]
    [InlineData(HostMode.Kestrel)]
    [InlineData(HostMode.TestServer)]
    public async Task YarpRoute_WireMockBackend_RequestArrivesAndAnswerReturns(HostMode mode)
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/catalog/items", body: "three items");
        await using var host = SampleHost<ReverseProxyApp>.Start(
            new Dictionary<string, string?>
            {
                ["ReverseProxy:Clusters:catalog:Destinations:catalog-1:Address"] = backend.Url.ToString(),
            },
            mode);
        using var client = host.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/catalog/items", UriKind.Relative), Ct);

        // Assert
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("three items");
        await backend.ReceivedAtLeastAsync(1, Ct);
        backend.ReceivedCountFor("/catalog/items").Should().Be(1);
        backend.LastHeader("X-Forwarded-Host").Should().Be(host.BaseAddress.Authority);
    }

    [Fact]
    public async Task SampleHost_Kestrel_ListensOnLoopbackWithAFreePort()
    {
        await using var host = SampleHost<ReverseProxyApp>.Start();

        host.BaseAddress.Host.Should().Be("127.0.0.1");
        host.BaseAddress.Port.Should().NotBe(8082).And.BeGreaterThan(0);
        using var client = host.CreateClient();
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);
        ((int)response.StatusCode).Should().Be(200);
    }

    [Fact]
    public async Task Curl_AgainstKestrelHost_GetsTheAnswer()
    {
        var curl = Curl.Require();
        using var backend = WireMockBackend.Start().Stub("/catalog/hello", body: "hi from wiremock");
        await using var host = SampleHost<ReverseProxyApp>.Start(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:catalog:Destinations:catalog-1:Address"] = backend.Url.ToString(),
        });

        var run = await curl.RunAsync(new Uri(host.BaseAddress, "/catalog/hello").ToString());

        run.ExitCode.Should().Be(0, run.StdErr);
        run.StdOut.Should().Be("hi from wiremock");
    }

    [Fact]
    public void TestCertificates_LeafSignedByCa_ChainsToThatCa()
    {
        using var ca = TestCertificates.CreateCa();
        using var leaf = TestCertificates.CreateLeaf(ca, ["localhost", "127.0.0.1"]);
        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
        chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;

        chain.Build(leaf).Should().BeTrue();
        leaf.HasPrivateKey.Should().BeTrue();
    }
}
