namespace Samples.Tests.Gateway;

/// <summary>UpstreamHeaderTransform, DownstreamHeaderTransform and RequestIdKey, seen by the downstream and by the client.</summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayHeaderTests
{
    [Fact]
    public async Task UpstreamHeaderTransform_SetAndFindReplace_DownstreamSeesTheResult()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/h");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(
            $$"""
            { "UpstreamPathTemplate": "/h", "DownstreamPathTemplate": "/h", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "UpstreamHeaderTransform": { "X-Forwarded-For": "{RemoteIpAddress}", "X-Env": "staging, production", "X-Origin": "{BaseUrl}", "X-Absent": "a, b" } }
            """,
            global: "\"BaseUrl\": \"http://gateway.test\""));
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/h");
        request.Headers.Add("X-Env", "staging-eu");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");

        // Act
        var response = await client.SendAsync(request, Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.LastHeader("X-Forwarded-For").Should().Be("127.0.0.1", "the client's own claim is replaced by its real address");
        backend.LastHeader("X-Env").Should().Be("production-eu");
        backend.LastHeader("X-Origin").Should().Be("http://gateway.test");
        backend.LastHeader("X-Absent").Should().BeNull("find/replace changes a header only when the request has it");
    }

    [Fact]
    public async Task DefaultForwardedHeaders_OcelotSendsNone_DownstreamGetsNoXForwarded()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/h");
        await using var gateway = GatewayUnderTest.StartRoutes(GatewayUnderTest.Route("/h", "/h", backend));
        using var client = gateway.CreateClient();

        // Act
        await client.GetAsync(new Uri("/h", UriKind.Relative), Ct);

        // Assert
        backend.LastHeader("X-Forwarded-For").Should().BeNull();
        backend.LastHeader("X-Forwarded-Host").Should().BeNull();
        backend.LastHeader("Host").Should().Be($"127.0.0.1:{backend.Port}", "as Ocelot, the downstream sees its own host");
    }

    [Fact]
    public async Task DownstreamHeaderTransform_LocationAndSet_ClientSeesTheGatewayAddress()
    {
        // Arrange
        using var backend = WireMockBackend.Start();
        backend.Stub(s => s.Given(Request.Create().WithPath("/moved").UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(302)
            .WithHeader("Location", $"http://127.0.0.1:{backend.Port}/new/place")
            .WithHeader("X-Internal", "node-7")));
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(
            $$"""
            { "UpstreamPathTemplate": "/moved", "DownstreamPathTemplate": "/moved", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "DownstreamHeaderTransform": { "Location": "{DownstreamBaseUrl}, {BaseUrl}", "X-Internal": "node-, zone-", "X-Gateway": "ocelot-on-yarp" } }
            """,
            global: "\"BaseUrl\": \"http://gateway.test:8085\""));
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/moved", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location.Should().Be(new Uri("http://gateway.test:8085/new/place"));
        response.Headers.GetValues("X-Internal").Should().Equal("zone-7");
        response.Headers.GetValues("X-Gateway").Should().Equal("ocelot-on-yarp");
    }

    [Fact]
    public async Task RequestIdKey_ClientSendsOne_PropagatedUnchanged()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/r");
        await using var gateway = StartWithRequestIdKey(backend);
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/r");
        request.Headers.Add("X-Request-Id", "trace-from-the-client");

        // Act
        await client.SendAsync(request, Ct);

        // Assert
        backend.LastHeader("X-Request-Id").Should().Be("trace-from-the-client");
    }

    [Fact]
    public async Task RequestIdKey_ClientSendsNone_CreatedAndDifferentPerRequest()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/r");
        await using var gateway = StartWithRequestIdKey(backend);
        using var client = gateway.CreateClient();

        // Act
        await client.GetAsync(new Uri("/r", UriKind.Relative), Ct);
        await client.GetAsync(new Uri("/r", UriKind.Relative), Ct);

        // Assert
        var ids = backend.Received.Select(e => WireMockBackend.HeaderOf(e, "X-Request-Id")).ToList();
        ids.Should().HaveCount(2).And.OnlyContain(id => !string.IsNullOrEmpty(id));
        ids.Distinct().Should().HaveCount(2);
    }

    [Fact]
    public async Task RequestIdKey_RouteOverridesGlobal_RouteHeaderUsed()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/r");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(
            $$"""{ "UpstreamPathTemplate": "/r", "RequestIdKey": "X-Correlation-Id", "DownstreamPathTemplate": "/r", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] }""",
            global: "\"RequestIdKey\": \"X-Request-Id\""));
        using var client = gateway.CreateClient();

        // Act
        await client.GetAsync(new Uri("/r", UriKind.Relative), Ct);

        // Assert
        backend.LastHeader("X-Correlation-Id").Should().NotBeNullOrEmpty();
        backend.LastHeader("X-Request-Id").Should().BeNull();
    }

    // GlobalConfiguration.RequestIdKey: X-Request-Id, over one route to the backend.
    private static GatewayUnderTest StartWithRequestIdKey(WireMockBackend backend) =>
        GatewayUnderTest.Start(GatewayUnderTest.Ocelot(GatewayUnderTest.Route("/r", "/r", backend), global: "\"RequestIdKey\": \"X-Request-Id\""));
}
