using Samples.Tests.ReverseProxy;

namespace Samples.Tests.Admin;

/// <summary>The view keeps a fixed ring of the last Admin:Keep requests: memory stays bounded however long a sample runs.</summary>
[Trait("Concept", "LiveView")]
public sealed class RequestViewRingTests
{
    [Fact]
    public async Task KeepThree_FiveRequests_OnlyTheLastThreeRemainInOrder()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(
            catalog: c => c.Stub("/*"),
            settings: new Dictionary<string, string?> { ["Admin:Keep"] = "3" });
        using var view = AdminView.Of(proxy.Host.Services);

        // Act
        for (var i = 1; i <= 5; i++)
        {
            using var response = await proxy.GetAsync($"/catalog/item-{i}");
            await view.LastForAsync($"/catalog/item-{i}", Ct);
        }

        var held = await view.RequestsAsync(3, Ct);

        // Assert
        held.Select(r => r.Target).Should().Equal("/catalog/item-3", "/catalog/item-4", "/catalog/item-5");
        held.Select(r => r.Id).Should().Equal(3, 4, 5);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    public async Task KeepOutOfRange_Start_FailsNamingTheKey(string keep)
    {
        // Arrange
        var start = async () =>
        {
            await using var proxy = ProxyUnderTest.Start(settings: new Dictionary<string, string?> { ["Admin:Keep"] = keep });
        };

        // Act
        var failure = await start.Should().ThrowAsync<Exception>();

        // Assert
        failure.Which.ToString().Should().Contain("Admin:Keep");
    }
}
