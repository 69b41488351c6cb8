namespace Samples.Tests.ReverseProxy;

/// <summary>
/// When the proxy cannot deliver, it says why with the right status code and a
/// problem-details body, without naming the backend; the backends' own errors
/// pass through untouched.
/// </summary>
[Trait("Concept", "ReverseProxy")]
public sealed class ProxyErrorTests
{
    [Fact]
    public async Task BackendDown_Get_Answers502ProblemWithoutBackendAddress()
    {
        // Arrange: nothing listens on this port.
        var closedPort = FreePort.Next();
        await using var proxy = ProxyUnderTest.Start(settings: new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:catalog:Destinations:catalog-1:Address"] = $"http://127.0.0.1:{closedPort}/",
        });

        // Act
        var response = await proxy.GetAsync("/catalog/items");

        // Assert
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, Ct);
        problem.ToString().Should().NotContain(closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SlowBackend_RouteTimeoutExceeded_Answers504Problem()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(
            orders: o => o.Stub("/slow", body: "late", delay: TimeSpan.FromSeconds(5)),
            settings: new Dictionary<string, string?> { ["ReverseProxy:Routes:orders:Timeout"] = "00:00:00.500" });

        // Act
        var response = await proxy.GetAsync("/orders/slow");

        // Assert
        await response.ShouldBeProblemAsync(HttpStatusCode.GatewayTimeout, Ct);
        proxy.Orders.ReceivedCountFor("/slow").Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task SlowBackend_ClusterActivityTimeoutExceeded_Answers504Problem()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(
            catalog: c => c.Stub("/catalog/slow", body: "late", delay: TimeSpan.FromSeconds(5)),
            settings: new Dictionary<string, string?> { ["ReverseProxy:Clusters:catalog:HttpRequest:ActivityTimeout"] = "00:00:00.500" });

        // Act
        var response = await proxy.GetAsync("/catalog/slow");

        // Assert
        await response.ShouldBeProblemAsync(HttpStatusCode.GatewayTimeout, Ct);
    }

    [Fact]
    public async Task UnknownPath_Get_Answers404ProblemAndNoBackendHears()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start();

        // Act
        var response = await proxy.GetAsync("/nowhere/at/all");

        // Assert
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, Ct);
        proxy.Catalog.ReceivedCount.Should().Be(0);
        proxy.Orders.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task BackendsOwn404_ThroughProxy_PassedOnUntouched()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/missing", status: 404, body: "no such item", headers: new Dictionary<string, string>
        {
            ["Content-Type"] = "text/plain",
        }));

        // Act
        var response = await proxy.GetAsync("/catalog/missing");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("no such item");
    }

    [Fact]
    public async Task BackendsEmpty503_ThroughProxy_NotTurnedIntoProblem()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/busy", status: 503));

        // Act
        var response = await proxy.GetAsync("/catalog/busy");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync(Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task OversizedBody_OrdersRouteLimit_Answers413ProblemAndBackendNeverSeesIt()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(orders: o => o.Stub("/", method: "POST", status: 201));
        using var client = proxy.CreateClient();

        // Act
        var response = await client.PostAsync(new Uri("/orders/", UriKind.Relative), new ByteArrayContent(new byte[(1024 * 1024) + 1]), Ct);

        // Assert
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, Ct);
        proxy.Orders.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task OversizedBody_RouteWithoutOwnLimit_KestrelDefaultFromConfigAnswers413()
    {
        // Arrange: the catalog route sets no limit of its own, so "Kestrel:Limits:MaxRequestBodySize" applies.
        await using var proxy = ProxyUnderTest.Start(
            catalog: c => c.Stub("/catalog/upload", method: "POST"),
            settings: new Dictionary<string, string?> { ["Kestrel:Limits:MaxRequestBodySize"] = "1000" });
        using var client = proxy.CreateClient();

        // Act
        var response = await client.PostAsync(new Uri("/catalog/upload", UriKind.Relative), new ByteArrayContent(new byte[2000]), Ct);

        // Assert
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, Ct);
        proxy.Catalog.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task BodyWithinLimit_OrdersRoute_Forwarded()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(orders: o => o.Stub("/", method: "POST", status: 201));
        using var client = proxy.CreateClient();

        // Act
        var response = await client.PostAsync(new Uri("/orders/", UriKind.Relative), new ByteArrayContent(new byte[1024 * 1024]), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        await proxy.Orders.SettledAsync(1, Ct);
        proxy.Orders.ReceivedCount.Should().Be(1);
    }

    [Fact]
    public async Task OversizedHeaders_AnyRoute_Answers431()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/catalog/items", UriKind.Relative));
        request.Headers.Add("X-Big", new string('a', 40 * 1024));

        // Act
        var response = await proxy.SendAsync(request);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
        proxy.Catalog.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task TooManyHeaders_AnyRoute_Answers431()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/catalog/items", UriKind.Relative));
        for (var i = 0; i < 101; i++)
        {
            request.Headers.Add($"X-Header-{i}", "v");
        }

        // Act
        var response = await proxy.SendAsync(request);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
        proxy.Catalog.ReceivedCount.Should().Be(0);
    }
}
