using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class RoundRobinTests
{
    [Fact]
    public async Task RoundRobin_ThreeBackends_SpreadsExactlyEvenly()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start();

        // Act
        var spread = await ProxyCalls.SpreadAsync(balancer.Client, "/round-robin/item", 30);

        // Assert: the client saw each name ten times, and each backend really got ten requests.
        spread.Should().BeEquivalentTo(new Dictionary<string, int> { ["alpha"] = 10, ["beta"] = 10, ["gamma"] = 10 });
        BackendTrio.Names.Should().OnlyContain(n => balancer.Backends.ProxiedCount(n, null) == 10);
    }

    [Fact]
    public async Task RoundRobin_ConsecutiveRequests_NeverHitTheSameBackendTwiceInARow()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start();

        // Act
        var sequence = await ProxyCalls.SequenceAsync(balancer.Client, "/round-robin/item", 9);

        // Assert
        sequence.Zip(sequence.Skip(1)).Should().OnlyContain(pair => pair.First != pair.Second);
        sequence.Chunk(3).Should().OnlyContain(turn => turn.Distinct().Count() == 3);
    }
}
