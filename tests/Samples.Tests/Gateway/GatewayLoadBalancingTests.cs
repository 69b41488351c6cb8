using Yarp.ReverseProxy;

namespace Samples.Tests.Gateway;

/// <summary>Each of Ocelot's LoadBalancerOptions.Type values, observed from the downstreams' side.</summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayLoadBalancingTests
{
    private static string Route(string type, WireMockBackend a, WireMockBackend b, string extra = "") => $$"""
        { "UpstreamPathTemplate": "/lb/{everything}", "DownstreamPathTemplate": "/{everything}",
          "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(a)}}, {{GatewayUnderTest.HostAndPort(b)}} ],
          "LoadBalancerOptions": { "Type": "{{type}}"{{extra}} } }
        """;

    [Fact]
    public async Task RoundRobin_TwoDownstreams_SpreadsEvenly()
    {
        // Arrange
        using var a = WireMockBackend.Start().Stub("/*", body: "a");
        using var b = WireMockBackend.Start().Stub("/*", body: "b");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(Route("RoundRobin", a, b)));
        using var client = gateway.CreateClient();

        // Act
        var answers = await GetManyAsync(client, 6);

        // Assert
        answers.Zip(answers.Skip(1)).Should().OnlyContain(pair => pair.First != pair.Second, "each request goes to the other downstream");
        a.ReceivedCount.Should().Be(3);
        b.ReceivedCount.Should().Be(3);
    }

    [Fact]
    public async Task NoLoadBalancer_TwoDownstreams_AlwaysTheFirstListed()
    {
        // Arrange: the second backend is listed first, so "first" cannot mean "lowest port".
        using var a = WireMockBackend.Start().Stub("/*", body: "a");
        using var b = WireMockBackend.Start().Stub("/*", body: "b");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(Route("NoLoadBalancer", b, a)));
        using var client = gateway.CreateClient();

        // Act
        await GetManyAsync(client, 4);

        // Assert
        b.ReceivedCount.Should().Be(4);
        a.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task LeastConnection_OneDownstreamBusy_NextRequestGoesToTheIdleOne()
    {
        // Arrange: "slow" is held open long enough for the second request to be routed while it is in flight.
        using var a = WireMockBackend.Start().Stub("/slow", delay: TimeSpan.FromSeconds(3)).Stub("/fast", body: "a");
        using var b = WireMockBackend.Start().Stub("/slow", delay: TimeSpan.FromSeconds(3)).Stub("/fast", body: "b");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(Route("LeastConnection", a, b)));
        using var client = gateway.CreateClient();
        var lookup = gateway.Services.GetRequiredService<IProxyStateLookup>();
        lookup.TryGetCluster("Routes[0]", out var found).Should().BeTrue();
        var cluster = found!;

        // Act
        var slow = client.GetAsync(new Uri("/lb/slow", UriKind.Relative), Ct);
        using (var waited = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            waited.CancelAfter(TimeSpan.FromSeconds(10));
            while (cluster.DestinationsState.AllDestinations.Sum(d => d.ConcurrentRequestCount) == 0)
            {
                await Task.Delay(10, waited.Token);
            }
        }

        var busy = cluster.DestinationsState.AllDestinations.Single(d => d.ConcurrentRequestCount == 1);
        var fast = await client.GetStringAsync(new Uri("/lb/fast", UriKind.Relative), Ct);
        await slow;

        // Assert
        var idleAnswer = busy.Model.Config.Address.Contains($":{a.Port}/", StringComparison.Ordinal) ? "b" : "a";
        fast.Should().Be(idleAnswer);
    }

    [Fact]
    public async Task CookieStickySessions_SameCookieValue_SameDownstreamEveryTime()
    {
        // Arrange
        using var a = WireMockBackend.Start().Stub("/*", body: "a");
        using var b = WireMockBackend.Start().Stub("/*", body: "b");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(Route("CookieStickySessions", a, b, ", \"Key\": \"session\", \"Expiry\": 60000")));
        using var client = gateway.CreateClient();

        // Act
        var first = await GetWithCookie(client, "session=one");
        var second = await GetWithCookie(client, "session=two");
        var repeats = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            repeats.Add(await GetWithCookie(client, "session=one"));
            repeats.Add(await GetWithCookie(client, "session=two"));
        }

        // Assert
        first.Should().NotBe(second, "new sessions are spread round robin");
        repeats.Should().Equal(first, second, first, second, first, second, first, second);
        a.Received.Concat(b.Received).Should().OnlyContain(e => WireMockBackend.HeaderOf(e, "Cookie")!.StartsWith("session=", StringComparison.Ordinal), "the application's cookie reaches it unchanged");
    }

    [Fact]
    public async Task CookieStickySessions_NoCookie_BalancedRoundRobinAndNothingWritten()
    {
        // Arrange
        using var a = WireMockBackend.Start().Stub("/*", body: "a");
        using var b = WireMockBackend.Start().Stub("/*", body: "b");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(Route("CookieStickySessions", a, b, ", \"Key\": \"session\", \"Expiry\": 60000")));
        using var client = gateway.CreateClient();

        // Act
        var one = await client.GetAsync(new Uri("/lb/x", UriKind.Relative), Ct);
        var two = await client.GetAsync(new Uri("/lb/y", UriKind.Relative), Ct);

        // Assert
        a.ReceivedCount.Should().Be(1);
        b.ReceivedCount.Should().Be(1);
        one.Headers.Contains("Set-Cookie").Should().BeFalse("the gateway reads the application's cookie, it never writes one");
        two.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task CookieStickySessions_PinUnusedLongerThanExpiry_Released()
    {
        // Arrange
        using var a = WireMockBackend.Start().Stub("/*", body: "a");
        using var b = WireMockBackend.Start().Stub("/*", body: "b");
        await using var gateway = GatewayUnderTest.StartWithFakeTime(
            GatewayUnderTest.Ocelot(Route("CookieStickySessions", a, b, ", \"Key\": \"session\", \"Expiry\": 1000")));
        using var client = gateway.CreateClient();

        // Act
        var pinned = await GetWithCookie(client, "session=one");
        gateway.Time.Advance(TimeSpan.FromMilliseconds(900));
        var withinExpiry = await GetWithCookie(client, "session=one");
        gateway.Time.Advance(TimeSpan.FromMilliseconds(900));
        var stillWithinSinceLastUse = await GetWithCookie(client, "session=one");
        gateway.Time.Advance(TimeSpan.FromMilliseconds(1001));
        var afterExpiry = await GetWithCookie(client, "session=one");

        // Assert
        withinExpiry.Should().Be(pinned);
        stillWithinSinceLastUse.Should().Be(pinned, "expiry counts from the last use, not the first");
        afterExpiry.Should().NotBe(pinned, "an expired pin is chosen again, round robin, which moves on to the other downstream");
    }

    private static async Task<string> GetWithCookie(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lb/item");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    // /lb/0, /lb/1, ... one after the other; the answers in order.
    private static async Task<List<string>> GetManyAsync(HttpClient client, int count)
    {
        var answers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            answers.Add(await client.GetStringAsync(new Uri($"/lb/{i}", UriKind.Relative), Ct));
        }

        return answers;
    }
}
