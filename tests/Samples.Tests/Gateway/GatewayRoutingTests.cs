namespace Samples.Tests.Gateway;

/// <summary>Ocelot's templates, methods, hosts and priorities, matched by YARP: which downstream gets which path.</summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayRoutingTests
{
    [Fact]
    public async Task Placeholders_OneSegmentAndCatchAll_SubstitutedIntoDownstreamPath()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/api/*", body: "ok");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/shop/{tenant}/items/{everything}", "DownstreamPathTemplate": "/api/{tenant}/catalog/{everything}",
              "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] }
            """));
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/shop/acme/items/books/42/reviews?page=2", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.LastReceived!.RequestMessage!.Path.Should().Be("/api/acme/catalog/books/42/reviews");
        backend.LastReceived.RequestMessage.RawQuery.Should().Be("?page=2");
    }

    [Fact]
    public async Task OneSegmentPlaceholder_PathWithMoreSegments_DoesNotMatch()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/api/*", body: "ok");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/users/{id}/profile", "DownstreamPathTemplate": "/api/users/{id}",
              "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] }
            """));
        using var client = gateway.CreateClient();

        // Act
        var matched = await client.GetAsync(new Uri("/users/7/profile", UriKind.Relative), Ct);
        var unmatched = await client.GetAsync(new Uri("/users/7/8/profile", UriKind.Relative), Ct);

        // Assert
        matched.StatusCode.Should().Be(HttpStatusCode.OK);
        unmatched.StatusCode.Should().Be(HttpStatusCode.NotFound);
        backend.Received.Select(e => e.RequestMessage!.Path).Should().Equal("/api/users/7");
    }

    [Fact]
    public async Task UpstreamHttpMethod_OtherMethod_Answers404AsOcelot()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/api/orders", method: "GET").Stub("/api/orders", method: "POST");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/orders", "UpstreamHttpMethod": [ "Get" ], "DownstreamPathTemplate": "/api/orders",
              "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] }
            """));
        using var client = gateway.CreateClient();

        // Act
        var get = await client.GetAsync(new Uri("/orders", UriKind.Relative), Ct);
        var post = await client.PostAsync(new Uri("/orders", UriKind.Relative), new StringContent("{}"), Ct);

        // Assert
        get.StatusCode.Should().Be(HttpStatusCode.OK);
        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
        backend.Received.Select(e => e.RequestMessage!.Method).Should().Equal("GET");
    }

    [Fact]
    public async Task SameTemplateTwoMethods_EachMethodReachesItsOwnDownstream()
    {
        // Arrange
        using var reads = WireMockBackend.Start().Stub("/orders", method: "GET");
        using var writes = WireMockBackend.Start().Stub("/orders", method: "POST");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/orders", "UpstreamHttpMethod": [ "GET" ], "DownstreamPathTemplate": "/orders", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(reads)}} ] },
            { "UpstreamPathTemplate": "/orders", "UpstreamHttpMethod": [ "POST" ], "DownstreamPathTemplate": "/orders", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(writes)}} ] }
            """));
        using var client = gateway.CreateClient();

        // Act
        await client.GetAsync(new Uri("/orders", UriKind.Relative), Ct);
        await client.PostAsync(new Uri("/orders", UriKind.Relative), new StringContent("{}"), Ct);

        // Assert
        reads.Received.Select(e => e.RequestMessage!.Method).Should().Equal("GET");
        writes.Received.Select(e => e.RequestMessage!.Method).Should().Equal("POST");
    }

    [Fact]
    public async Task UpstreamHost_MatchingAndOtherHost_RoutesByHostAndPrefersTheNamedHost()
    {
        // Arrange
        using var tenant = WireMockBackend.Start().Stub("/data", body: "tenant");
        using var fallback = WireMockBackend.Start().Stub("/data", body: "any");
        await using var gateway = GatewayUnderTest.StartRoutes(GatewayUnderTest.Route("/data", "/data", fallback), GatewayUnderTest.Route("/data", "/data", tenant, upstreamHost: "tenant.test"));
        using var client = gateway.CreateClient();

        // Act
        using var named = new HttpRequestMessage(HttpMethod.Get, "/data");
        named.Headers.Host = "tenant.test";
        var forTenant = await client.SendAsync(named, Ct);
        var forOther = await client.GetAsync(new Uri("/data", UriKind.Relative), Ct);

        // Assert
        (await forTenant.Content.ReadAsStringAsync(Ct)).Should().Be("tenant");
        (await forOther.Content.ReadAsStringAsync(Ct)).Should().Be("any");
        tenant.ReceivedCount.Should().Be(1);
        fallback.ReceivedCount.Should().Be(1);
    }

    [Fact]
    public async Task Priority_OverlappingTemplates_HigherPriorityWinsWhateverTheFileOrder()
    {
        // Arrange
        using var general = WireMockBackend.Start().Stub("/general/*", body: "general");
        using var special = WireMockBackend.Start().Stub("/special", body: "special");
        await using var gateway = GatewayUnderTest.StartRoutes(GatewayUnderTest.Route("/catalog/{everything}", "/general/{everything}", general), GatewayUnderTest.Route("/catalog/special", "/special", special, priority: 5));
        using var client = gateway.CreateClient();

        // Act
        var specialAnswer = await client.GetStringAsync(new Uri("/catalog/special", UriKind.Relative), Ct);
        var generalAnswer = await client.GetStringAsync(new Uri("/catalog/other", UriKind.Relative), Ct);

        // Assert
        specialAnswer.Should().Be("special");
        generalAnswer.Should().Be("general");
        general.Received.Select(e => e.RequestMessage!.Path).Should().Equal("/general/other");
    }

    [Fact]
    public async Task EqualPriority_OverlappingTemplates_FirstInFileWins()
    {
        // Arrange
        using var first = WireMockBackend.Start().Stub("/*", body: "first");
        using var second = WireMockBackend.Start().Stub("/*", body: "second");
        await using var gateway = GatewayUnderTest.StartRoutes(GatewayUnderTest.Route("/catalog/{everything}", "/{everything}", first), GatewayUnderTest.Route("/catalog/special", "/special", second));
        using var client = gateway.CreateClient();

        // Act
        var answer = await client.GetStringAsync(new Uri("/catalog/special", UriKind.Relative), Ct);

        // Assert
        answer.Should().Be("first");
        second.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task RootCatchAll_ListedFirst_RanksBelowEveryOtherRoute()
    {
        // Arrange
        using var everything = WireMockBackend.Start().Stub("/*", body: "everything");
        using var orders = WireMockBackend.Start().Stub("/orders", body: "orders");
        await using var gateway = GatewayUnderTest.StartRoutes(GatewayUnderTest.Route("/{url}", "/{url}", everything, priority: 9), GatewayUnderTest.Route("/orders", "/orders", orders));
        using var client = gateway.CreateClient();

        // Act
        var ordersAnswer = await client.GetStringAsync(new Uri("/orders", UriKind.Relative), Ct);
        var otherAnswer = await client.GetStringAsync(new Uri("/a/b/c", UriKind.Relative), Ct);

        // Assert
        ordersAnswer.Should().Be("orders");
        otherAnswer.Should().Be("everything");
        everything.Received.Select(e => e.RequestMessage!.Path).Should().Equal("/a/b/c");
    }

    [Fact]
    public async Task NoRoute_AnyPath_Answers404WithoutCallingADownstream()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/*");
        await using var gateway = GatewayUnderTest.StartRoutes(GatewayUnderTest.Route("/orders", "/orders", backend));
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/customers", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task DownstreamUnreachable_Request_Answers502AsProblemDetails()
    {
        // Arrange
        var closedPort = FreePort.Next();
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/gone", "DownstreamPathTemplate": "/gone", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{closedPort}} } ] }
            """));
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/gone", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        problem.Should().Contain("\"status\":502").And.Contain("could not be reached").And.NotContain(closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RequestBody_Post_ArrivesWhole()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/upload", method: "POST");
        await using var gateway = GatewayUnderTest.StartRoutes(GatewayUnderTest.Route("/upload", "/upload", backend));
        using var client = gateway.CreateClient();
        var body = new string('x', 256 * 1024);

        // Act
        var response = await client.PostAsync(new Uri("/upload", UriKind.Relative), new StringContent(body), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.LastReceived!.RequestMessage!.Body.Should().HaveLength(body.Length);
    }
}
