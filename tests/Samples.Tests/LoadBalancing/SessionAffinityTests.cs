using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class SessionAffinityTests
{
    [Fact]
    public async Task AffinityCookie_SameClient_PinnedToOneBackend()
    {
        // Arrange: a real client over TCP that keeps cookies, as a browser does.
        await using var balancer = BalancerUnderTest.Start(mode: HostMode.Kestrel);
        var cookies = new CookieContainer();
        using var browser = balancer.Host.CreateClient(new SocketsHttpHandler { UseProxy = false, CookieContainer = cookies });

        // Act
        var sequence = await ProxyCalls.SequenceAsync(browser, "/sticky/cart", 12);

        // Assert: one destination for all twelve, the affinity cookie was set, and only that backend saw the cart.
        var pinned = sequence[0];
        pinned.Should().NotBeNull();
        sequence.Should().OnlyContain(d => d == pinned);
        cookies.GetCookies(balancer.Host.BaseAddress)[".Samples.Sticky"].Should().NotBeNull();
        balancer.Backends[pinned!].ReceivedCountFor("/sticky/cart").Should().Be(12);
        BackendTrio.Names.Where(n => n != pinned).Should().OnlyContain(n => balancer.Backends[n].ReceivedCountFor("/sticky/cart") == 0);
    }

    [Fact]
    public async Task AffinityCookie_NoCookie_RequestsSpreadByThePolicy()
    {
        // Arrange: a client that never sends cookies back.
        await using var balancer = BalancerUnderTest.Start(mode: HostMode.Kestrel);
        using var client = balancer.Host.CreateClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false });

        // Act
        var sequence = await ProxyCalls.SequenceAsync(client, "/sticky/cart", 3);

        // Assert: without the cookie, the cluster's round robin applies.
        sequence.Should().OnlyHaveUniqueItems().And.HaveCount(3);
    }

    [Fact]
    public async Task AffinityCookie_PinnedBackendUnhealthy_ClientMovesToAnother()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start([("ReverseProxy:Clusters:sticky:HealthCheck:Active:Interval", "00:00:00.200")], HostMode.Kestrel);
        using var browser = balancer.Host.CreateClient(new SocketsHttpHandler { UseProxy = false, CookieContainer = new CookieContainer() });
        var pinned = (await ProxyCalls.SequenceAsync(browser, "/sticky/cart", 1))[0]!;

        // Act: the pinned backend fails its health check.
        balancer.Backends.SetHealth(pinned, 503);
        var moved = await ProxyCalls.EventuallyAsync(
            async () => (await ProxyCalls.SequenceAsync(browser, "/sticky/cart", 1))[0] != pinned,
            TimeSpan.FromSeconds(20));
        var after = await ProxyCalls.SequenceAsync(browser, "/sticky/cart", 5);

        // Assert: redistributed once, then pinned to the new destination.
        moved.Should().BeTrue();
        after.Distinct().Should().ContainSingle().Which.Should().NotBe(pinned);
    }
}
