using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Samples.LoadBalancing;
using Samples.Scaffolding;
using Samples.Tests.Infrastructure;
using Yarp.ReverseProxy.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class ProxyConfigurationCheckTests
{
    [Fact]
    public async Task RequireKnownPolicies_MisspeltPolicy_ThrowsNamingTheKey()
    {
        // Arrange: the policies the sample really registers (YARP's five and WeightedRoundRobin).
        using var trio = BackendTrio.Start();
        await using var host = SampleHost<LoadBalancingApp>.Start(trio.Settings(), HostMode.TestServer);
        var policies = host.Services.GetServices<ILoadBalancingPolicy>().ToList();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ReverseProxy:Clusters:weighted:LoadBalancingPolicy"] = "Weighted" })
            .Build();

        // Act
        var act = () => ProxyConfigurationCheck.RequireKnownPolicies(configuration, policies);

        // Assert
        policies.Select(p => p.Name).Should().Contain(["RoundRobin", "LeastRequests", "PowerOfTwoChoices", "Random", "FirstAlphabetical", "WeightedRoundRobin"]);
        act.Should().Throw<StartupException>()
            .WithMessage("*ReverseProxy:Clusters:weighted:LoadBalancingPolicy*'Weighted'*WeightedRoundRobin*");
    }
}
