using Samples.ForwardProxy;
using Samples.LoadBalancing;
using Samples.Scaffolding.Admin.RequestView;
using Samples.Tests.ForwardProxy;
using Samples.Tests.Gateway;
using Samples.Tests.LoadBalancing;
using Samples.Tests.SslTermination;

namespace Samples.Tests.Admin;

/// <summary>
/// Each sample's stages show up as steps with their verdicts: 01's filter rule
/// and cache, 03's chosen destination and policy, 04's TLS, 05's authentication
/// and claim requirement (and the claims it turns into headers).
/// </summary>
[Trait("Concept", "LiveView")]
public sealed class RequestViewStepsTests
{
    [Fact]
    public async Task ForwardProxy_BlockedHost_StepNamesTheRuleAndNoDestination()
    {
        // Arrange
        await using var rig = ForwardProxyRig.Start(
            WireMockBackend.Start().Stub("/*", body: "ok"),
            SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Filter:BlockedHosts:0"] = "*.tracker.localhost" }),
            p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;
        using var view = AdminView.Of(proxy.Services);

        // Act
        using var response = await client.GetAsync(new Uri("http://ads.tracker.localhost/pixel.gif"), Ct);
        var seen = await view.LastForAsync("http://ads.tracker.localhost/pixel.gif", Ct);

        // Assert
        ((int)response.StatusCode).Should().Be(403);
        seen.Steps.Should().ContainEquivalentOf(new RequestStep("filter", "blocked by BlockedHosts *.tracker.localhost"));
        seen.Steps.Should().ContainEquivalentOf(new RequestStep("destination", "not contacted: the proxy answered itself"));
        seen.Forwarded.Should().BeFalse();
        seen.RequestHeaders.Should().OnlyContain(r => r.Mark == null && r.Backend == null, "nothing was forwarded, so there is nothing to compare");
        origin.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task ForwardProxy_SameCacheableUrlTwice_StoredThenHitWithoutTheOrigin()
    {
        // Arrange
        await using var rig = ForwardProxyRig.Start(
            WireMockBackend.Start().Stub(s => s
                .Given(Request.Create().WithPath("/logo.png").UsingGet())
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Cache-Control", "max-age=60").WithBody("png"))),
            SampleHost<ForwardProxyApp>.Start(),
            p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;
        using var view = AdminView.Of(proxy.Services);
        var target = new Uri(origin.Url, "/logo.png");

        // Act
        using var first = await client.GetAsync(target, Ct);
        await view.LastForAsync(target.ToString(), Ct);
        using var second = await client.GetAsync(target, Ct);
        var held = await view.RequestsAsync(2, Ct);

        // Assert
        held.Should().HaveCount(2);
        held[0].Steps.Should().ContainEquivalentOf(new RequestStep("filter", "allowed"))
            .And.ContainEquivalentOf(new RequestStep("cache", "fwd=uri-miss; stored"));
        held[0].Forwarded.Should().BeTrue();
        held[1].Steps.Should().ContainSingle(s => s.Stage == "cache").Which.Verdict.Should().StartWith("hit", "RFC 9211: hit, then the ttl left");
        held[1].Forwarded.Should().BeFalse("a hit is answered without asking the origin");
        origin.ReceivedCount.Should().Be(1);
    }

    [Fact]
    public async Task LoadBalancing_RoundRobinCluster_StepNamesTheAnsweringDestinationAndPolicy()
    {
        // Arrange
        using var trio = BackendTrio.Start();
        await using var host = SampleHost<LoadBalancingApp>.Start(trio.Settings());
        using var client = host.CreateClient();
        using var view = AdminView.Of(host.Services);

        // Act
        using var response = await client.GetAsync(new Uri("/round-robin/item", UriKind.Relative), Ct);
        var answeredBy = await response.Content.ReadAsStringAsync(Ct);
        var seen = await view.LastForAsync("/round-robin/item", Ct);

        // Assert
        seen.Steps.Should().ContainEquivalentOf(new RequestStep("load balancer", $"destination {answeredBy}, round robin, of 3 available"));
        seen.Destination.Should().StartWith(trio[answeredBy].Url.ToString().TrimEnd('/'));
    }

    [Fact]
    public async Task SslTermination_HttpsRequest_TlsStepThenPlainHttpToTheBackend()
    {
        // Arrange
        await using var sample = await PinnedSampleClient.StartAsync("/orders", "orders");
        using var view = AdminView.Of(sample.Host.Services);

        // Act
        using var response = await sample.GetAsync("/orders");
        var seen = await view.LastForAsync("/orders", Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var tls = seen.Steps.Should().ContainSingle(s => s.Stage == "tls").Which.Verdict;
        tls.Should().MatchRegex(@"^TLS 1\.[23] TLS_\w+$");
        seen.Destination.Should().StartWith("http://", "TLS ends at the proxy");
        seen.RequestHeaders.Single(r => r.Name == "X-Forwarded-Proto").Should().Be(new HeaderRow("X-Forwarded-Proto", null, "https", HeaderMarks.Added));
    }

    [Fact]
    public async Task Gateway_TokenAndClaimsToHeaders_AuthenticationStepAndAddedHeader()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/*", body: "ok");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/account", "DownstreamPathTemplate": "/account", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer" ] },
              "AddHeadersToRequest": { "X-User": "Claims[sub] > value" } },
            { "UpstreamPathTemplate": "/admin", "DownstreamPathTemplate": "/admin", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer" ] },
              "RouteClaimsRequirement": { "role": "admin" } }
            """));
        using var client = gateway.CreateClient();
        using var view = AdminView.Of(gateway.Services);

        // Act
        using var none = await client.GetAsync(new Uri("/account", UriKind.Relative), Ct);
        using var account = await SendWithToken(client, "/account", TestTokens.Create(subject: "alice"));
        using var admin = await SendWithToken(client, "/admin", TestTokens.Create(subject: "bob", roles: ["user"]));
        var held = await view.RequestsAsync(3, Ct);

        // Assert
        held.Select(r => r.Status).Should().Equal(401, 200, 403);
        held[0].Steps.Should().ContainEquivalentOf(new RequestStep("authentication", "401: no valid credentials"));
        held[1].Steps.Should().ContainEquivalentOf(new RequestStep("authentication", "Bearer: alice"));
        held[1].RequestHeaders.Single(r => r.Name == "X-User").Should().Be(new HeaderRow("X-User", null, "alice", HeaderMarks.Added));
        held[1].RequestHeaders.Single(r => r.Name == "Authorization").Client.Should().Be(HeaderCapture.RedactedValue);
        held[2].Steps.Should().ContainEquivalentOf(new RequestStep("authorization", "403: bob lacks a claim the route requires"));
        backend.ReceivedCount.Should().Be(1);
    }

    private static async Task<HttpResponseMessage> SendWithToken(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, Ct);
    }
}
