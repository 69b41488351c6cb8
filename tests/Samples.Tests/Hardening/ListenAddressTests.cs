using Samples.LoadBalancing;
using Samples.OcelotGateway;

namespace Samples.Tests.Hardening;

/// <summary>
/// A listen address the sample cannot use stops start-up with one line naming
/// the key (the check is the scaffolding's, shared by every sample; 01, 02 and 04
/// cover it in their own start-up tests beside their other keys).
/// </summary>
[Trait("Concept", "Hardening")]
public sealed class ListenAddressTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "03-load-balancing", "notaurl" },
        { "03-load-balancing", "http://127.0.0.1:abc" },
        { "05-ocelot-gateway", "notaurl" },
        { "05-ocelot-gateway", "http://127.0.0.1:abc" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Urls_NotAnAddress_ExitsNonZeroWithOneLineNamingTheKey(string sample, string urls)
    {
        // Arrange
        var entry = sample == "03-load-balancing" ? typeof(LoadBalancingApp) : typeof(GatewayApp);

        // Act
        var run = await SampleProcess.RunAsync(entry, sample, [$"--urls={urls}"], Ct);

        // Assert
        run.RefusedLine().Should().StartWith($"Configuration error: urls: '{urls}' is not a listen address");
    }
}
