using Microsoft.Extensions.Configuration;
using Samples.LoadBalancing;
using Samples.Scaffolding;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class LoadBalancingOptionsTests
{
    [Fact]
    public void FromConfiguration_Empty_RetriesAndExposesByDefault()
    {
        var options = LoadBalancingOptions.FromConfiguration(new ConfigurationBuilder().Build());

        options.RetryIdempotentRequests.Should().BeTrue();
        options.ExposeDestination.Should().BeTrue();
    }

    [Theory]
    [InlineData("RetryIdempotentRequests", "sometimes")]
    [InlineData("ExposeDestination", "yes please")]
    [InlineData("MaxRetryBodyBytes", "-1")]
    [InlineData("TransportFailureRate:DetectionWindowSize", "soon")]
    [InlineData("TransportFailureRate:MinimalTotalCountThreshold", "0")]
    public void FromConfiguration_BadValue_ThrowsNamingTheKey(string key, string value)
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"LoadBalancing:{key}"] = value })
            .Build();

        // Act
        var act = () => LoadBalancingOptions.FromConfiguration(configuration);

        // Assert
        act.Should().Throw<StartupException>().WithMessage($"*LoadBalancing:{key}*'{value}'*");
    }
}
