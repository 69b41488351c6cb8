using Samples.LoadBalancing;
using Samples.LoadBalancing.Settings;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class LoadBalancingSettingsTests
{
    [Fact]
    public void Defaults_NoSection_RetriesAndExposes()
    {
        // Arrange / Act
        var options = new LoadBalancingOptions();

        // Assert
        options.RetryIdempotentRequests.Should().BeTrue();
        options.ExposeDestination.Should().BeTrue();
    }

    [Fact]
    public async Task SampleStart_FileSettings_BindsTheSectionAndRegistersEveryPolicy()
    {
        // Arrange / Act
        await using var balancer = BalancerUnderTest.Start();

        // Assert: the file's values reach the typed options, and the weighted policy sits beside YARP's five.
        balancer.Host.Services.GetRequiredService<IOptions<LoadBalancingOptions>>().Value.MaxRetryBodyBytes.Should().Be(1048576);
        balancer.Host.Services.GetRequiredService<IOptions<TransportFailureRateHealthPolicyOptions>>().Value.DetectionWindowSize.Should().Be(TimeSpan.FromSeconds(10));
        balancer.Host.Services.GetServices<ILoadBalancingPolicy>().Select(p => p.Name).Should()
            .Contain(["RoundRobin", "LeastRequests", "PowerOfTwoChoices", "Random", "FirstAlphabetical", "WeightedRoundRobin"]);
    }

    [Theory]
    [InlineData("RetryIdempotentRequests", "sometimes")]
    [InlineData("ExposeDestination", "yes please")]
    [InlineData("MaxRetryBodyBytes", "-1")]
    [InlineData("TransportFailureRate:DetectionWindowSize", "soon")]
    [InlineData("TransportFailureRate:MinimalTotalCountThreshold", "0")]
    public async Task SampleStart_BadValue_OneLineNamingTheKey(string key, string value)
    {
        // Act
        var run = await StartupChecks.RunAsync($"--LoadBalancing:{key}={value}");

        // Assert
        run.RefusedLine().Should().StartWith($"Configuration error: LoadBalancing:{key}: '{value}' is not ");
    }

    [Fact]
    public async Task SampleStart_MisspeltPolicy_OneLineNamingTheKeyAndThePolicies()
    {
        // Act
        var run = await StartupChecks.RunAsync("--ReverseProxy:Clusters:weighted:LoadBalancingPolicy=Weighted");

        // Assert
        run.RefusedLine().Should().Match("Configuration error: ReverseProxy:Clusters:weighted:LoadBalancingPolicy: 'Weighted'*WeightedRoundRobin*");
    }
}
