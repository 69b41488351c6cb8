using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

/// <summary>
/// Random and power-of-two choices cannot be asserted exactly. With 300
/// requests over three idle backends each expects 100 (standard deviation
/// about 8); the stated tolerance, 60 to 140, is five deviations wide, so a
/// fair policy fails it about once in a million runs, while a policy stuck
/// on one backend or ignoring one fails it every time.
/// </summary>
[Trait("Concept", "LoadBalancing")]
public sealed class RandomizedPolicyTests
{
    private const int Requests = 300;

    [Theory]
    [InlineData("/power-of-two/item")]
    [InlineData("/random/item")]
    public async Task RandomizedPolicy_300Requests_EachBackendWithinTolerance(string path)
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start();

        // Act
        var spread = await ProxyCalls.SpreadAsync(balancer.Client, path, Requests);

        // Assert
        spread.Keys.Should().BeEquivalentTo(BackendTrio.Names);
        spread.Values.Should().OnlyContain(count => count >= 60 && count <= 140);
        BackendTrio.Names.Sum(n => balancer.Backends.ProxiedCount(n)).Should().Be(Requests);
    }
}
