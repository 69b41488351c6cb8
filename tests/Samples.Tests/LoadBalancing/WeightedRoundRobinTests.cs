using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class WeightedRoundRobinTests
{
    [Fact]
    public async Task WeightedRoundRobin_Weights311_SpreadsExactlyOverFullCycles()
    {
        // Arrange: appsettings.json gives alpha weight 3, beta and gamma weight 1.
        await using var balancer = BalancerUnderTest.Start();

        // Act: three full cycles of 3 + 1 + 1.
        var spread = await ProxyCalls.SpreadAsync(balancer.Client, "/weighted/item", 15);

        // Assert
        spread.Should().BeEquivalentTo(new Dictionary<string, int> { ["alpha"] = 9, ["beta"] = 3, ["gamma"] = 3 });
        balancer.Backends.ProxiedCount("alpha").Should().Be(9);
        balancer.Backends.ProxiedCount("beta").Should().Be(3);
        balancer.Backends.ProxiedCount("gamma").Should().Be(3);
    }

    [Fact]
    public async Task WeightedRoundRobin_HeavyBackend_IsInterleavedNotBurst()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start();

        // Act
        var cycle = await ProxyCalls.SequenceAsync(balancer.Client, "/weighted/item", 5);

        // Assert: smooth weighted round robin gives a, x, a, y, a (as nginx), never a, a, a, x, y.
        new[] { cycle[0], cycle[2], cycle[4] }.Should().OnlyContain(d => d == "alpha");
        new[] { cycle[1], cycle[3] }.Should().BeEquivalentTo("beta", "gamma");
    }

    [Fact]
    public async Task WeightedRoundRobin_WeightsFromConfiguration_FollowTheNewWeights()
    {
        // Arrange: 1:1:2 instead of the file's 3:1:1.
        await using var balancer = BalancerUnderTest.Start(
        [
            ("ReverseProxy:Clusters:weighted:Destinations:alpha:Metadata:Weight", "1"),
            ("ReverseProxy:Clusters:weighted:Destinations:gamma:Metadata:Weight", "2"),
        ]);

        // Act
        var spread = await ProxyCalls.SpreadAsync(balancer.Client, "/weighted/item", 8);

        // Assert
        spread.Should().BeEquivalentTo(new Dictionary<string, int> { ["alpha"] = 2, ["beta"] = 2, ["gamma"] = 4 });
    }

    [Theory]
    [InlineData("heavy")]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("1.5")]
    public async Task SampleStart_InvalidWeight_OneLineNamingTheKey(string weight)
    {
        // Act: the sample refuses the configuration when it starts, before anything listens.
        var run = await StartupChecks.RunAsync($"--ReverseProxy:Clusters:weighted:Destinations:beta:Metadata:Weight={weight}");

        // Assert
        run.RefusedLine().Should().Be(
            $"Configuration error: ReverseProxy:Clusters:weighted:Destinations:beta:Metadata:Weight: '{weight}' is not a whole number from 1 to 1000");
    }
}
