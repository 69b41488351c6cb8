using System.Text.Json.Nodes;

namespace Samples.Tests.Gateway;

/// <summary>
/// The policies end to end: the sample gateway itself, started from an
/// ocelot.json written by the test, with WireMock downstreams and a fake clock.
/// </summary>
[Trait("Concept", "Gateway")]
public sealed class PolicyGatewayTests
{
    [Fact]
    public async Task RateLimitOptions_FromOcelotFile_LimitWaitAndCustomAnswer()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/items", body: "[]");
        await using var gateway = GatewayUnderTest.StartWithFakeTime(
            GatewayUnderTest.Ocelot($$"""
                { "UpstreamPathTemplate": "/items", "DownstreamPathTemplate": "/items", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
                  "RateLimitOptions": { "Limit": 2, "Period": "1s", "Wait": "5s", "StatusCode": 418, "QuotaMessage": "{0} per {1}, no more" } }
                """));
        using var client = gateway.CreateClient();

        // Act
        var burst = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            burst.Add(await client.GetAsync(new Uri("/items", UriKind.Relative), Ct));
        }

        gateway.Time.Advance(TimeSpan.FromSeconds(4));
        var duringWait = await client.GetAsync(new Uri("/items", UriKind.Relative), Ct);
        gateway.Time.Advance(TimeSpan.FromSeconds(1));
        var afterWait = await client.GetAsync(new Uri("/items", UriKind.Relative), Ct);

        // Assert
        burst.Select(r => (int)r.StatusCode).Should().Equal(200, 200, 418);
        (await burst[2].Content.ReadAsStringAsync(Ct)).Should().Be("2 per 1s, no more");
        burst[2].Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        burst[0].Headers.GetValues("X-RateLimit-Remaining").Should().Equal("1");
        ((int)duringWait.StatusCode).Should().Be(418);
        afterWait.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.ReceivedCountFor("/items").Should().Be(3);
    }

    [Fact]
    public async Task GlobalRateLimitOptions_RouteKeys_LimitOnlyTheNamedRouteWithGlobalHeader()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/a", body: "a").Stub("/b", body: "b");
        await using var gateway = GatewayUnderTest.Start(
            GatewayUnderTest.Ocelot(
                $$"""
                { "Key": "a", "UpstreamPathTemplate": "/a", "DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] },
                { "Key": "b", "UpstreamPathTemplate": "/b", "DownstreamPathTemplate": "/b", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] }
                """,
                """ "RateLimitOptions": { "ClientIdHeader": "X-Api-Key", "Limit": 1, "Period": "1m", "EnableHeaders": false, "RouteKeys": [ "a" ] } """));
        using var client = gateway.CreateClient();

        // Act
        var a = new[] { await GetAsync(client, "/a", ("X-Api-Key", "k1")), await GetAsync(client, "/a", ("X-Api-Key", "k1")), await GetAsync(client, "/a", ("X-Api-Key", "k2")) };
        var b = new[] { await GetAsync(client, "/b", ("X-Api-Key", "k1")), await GetAsync(client, "/b", ("X-Api-Key", "k1")) };

        // Assert
        a.Select(r => r.StatusCode).Should().Equal(HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        a[1].Headers.Contains("Retry-After").Should().BeFalse("EnableHeaders is false");
        b.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK, "RouteKeys does not name route b");
    }

    [Fact]
    public async Task CacheOptions_FromOcelotFile_HitThenExpiryThenAdminClear()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/books", body: "[\"Dune\"]");
        await using var gateway = GatewayUnderTest.StartWithFakeTime(
            GatewayUnderTest.Ocelot($$"""
                { "UpstreamPathTemplate": "/books", "UpstreamHttpMethod": [ "Get" ], "DownstreamPathTemplate": "/books", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
                  "CacheOptions": { "TtlSeconds": 30, "Region": "books" } }
                """));
        using var client = gateway.CreateClient();
        var books = new Uri("/books", UriKind.Relative);

        // Act
        var miss = await client.GetAsync(books, Ct);
        var hit = await client.GetAsync(books, Ct);
        gateway.Time.Advance(TimeSpan.FromSeconds(30));
        var expired = await client.GetAsync(books, Ct);
        var userClear = await DeleteRegionAsync(client, TestTokens.Create(roles: ["user"]));
        var stillCached = await client.GetAsync(books, Ct);
        var adminClear = await DeleteRegionAsync(client, TestTokens.Create(roles: ["user", "admin"]));
        var afterClear = await client.GetAsync(books, Ct);

        // Assert
        miss.CacheStatus().Should().Be("OcelotGateway; fwd=uri-miss; stored");
        hit.CacheStatus().Should().Be("OcelotGateway; hit");
        (await hit.Content.ReadAsStringAsync(Ct)).Should().Be("[\"Dune\"]");
        expired.CacheStatus().Should().Be("OcelotGateway; fwd=uri-miss; stored");
        userClear.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        stillCached.CacheStatus().Should().Be("OcelotGateway; hit");
        adminClear.StatusCode.Should().Be(HttpStatusCode.NoContent);
        afterClear.CacheStatus().Should().Be("OcelotGateway; fwd=uri-miss; stored");
        backend.ReceivedCountFor("/books").Should().Be(3, "first call, after expiry, after the clear");
    }

    [Fact]
    public async Task AdminCacheClear_NoToken_401()
    {
        // Arrange
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(""" { "UpstreamPathTemplate": "/x", "DownstreamPathTemplate": "/x", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 1 } ] } """));
        using var client = gateway.CreateClient();

        // Act
        var response = await client.DeleteAsync(new Uri("/admin/outputcache/books", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task QoSOptions_CircuitOpensAnswers503WithoutDownstreamThenHalfOpensAndCloses()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/fragile", status: 500);
        await using var gateway = GatewayUnderTest.StartWithFakeTime(
            GatewayUnderTest.Ocelot($$"""
                { "UpstreamPathTemplate": "/fragile", "DownstreamPathTemplate": "/fragile", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
                  "QoSOptions": { "MinimumThroughput": 2, "BreakDuration": 1000 } }
                """));
        using var client = gateway.CreateClient();
        var fragile = new Uri("/fragile", UriKind.Relative);

        // Act
        var failures = new[] { await client.GetAsync(fragile, Ct), await client.GetAsync(fragile, Ct) };
        var open = await client.GetAsync(fragile, Ct);
        var calledWhileOpen = backend.ReceivedCountFor("/fragile");
        backend.Server.Reset();
        backend.Stub("/fragile", body: "healed");
        gateway.Time.Advance(TimeSpan.FromSeconds(1));
        var trial = await client.GetAsync(fragile, Ct);
        var closed = await client.GetAsync(fragile, Ct);

        // Assert
        failures.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.InternalServerError);
        open.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        calledWhileOpen.Should().Be(2);
        trial.StatusCode.Should().Be(HttpStatusCode.OK);
        closed.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.ReceivedCountFor("/fragile").Should().Be(2, "the healed downstream saw the trial and the call after it");
    }

    [Fact]
    public async Task QoSOptions_Timeout_503()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/slow", body: "late", delay: TimeSpan.FromSeconds(20));
        await using var gateway = GatewayUnderTest.StartWithFakeTime(
            GatewayUnderTest.Ocelot($$"""
                { "UpstreamPathTemplate": "/slow", "DownstreamPathTemplate": "/slow", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
                  "QoSOptions": { "Timeout": 1000 } }
                """));
        using var client = gateway.CreateClient();

        // Act
        var call = client.GetAsync(new Uri("/slow", UriKind.Relative), Ct);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromSeconds(15));
        while (!call.IsCompleted)
        {
            gateway.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(call, Task.Delay(50, bound.Token));
        }

        var response = await call;

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Aggregates_FromOcelotFile_MergeAndReportAFailingPart()
    {
        // Arrange
        using var users = WireMockBackend.Start().Stub("/users/5", body: "{\"name\":\"Lin\"}").Stub("/users/6", body: "{\"name\":\"Kim\"}");
        using var orders = WireMockBackend.Start().Stub("/orders/5", body: "[7]").Stub("/orders/6", status: 404);
        var file = $$"""
            {
              "Routes": [
                { "Key": "user", "UpstreamPathTemplate": "/u/{id}", "DownstreamPathTemplate": "/users/{id}", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(users)}} ] },
                { "Key": "orders", "UpstreamPathTemplate": "/o/{id}", "DownstreamPathTemplate": "/orders/{id}", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(orders)}} ] }
              ],
              "Aggregates": [ { "UpstreamPathTemplate": "/summary/{id}", "RouteKeys": [ "user", "orders" ] } ],
              "GlobalConfiguration": { "RequestIdKey": "X-Request-Id" }
            }
            """;
        await using var gateway = GatewayUnderTest.Start(file);
        using var client = gateway.CreateClient();

        // Act
        var good = await client.GetAsync(new Uri("/summary/5", UriKind.Relative), Ct);
        var partial = await client.GetAsync(new Uri("/summary/6", UriKind.Relative), Ct);

        // Assert
        good.StatusCode.Should().Be(HttpStatusCode.OK);
        var merged = JsonNode.Parse(await good.Content.ReadAsStringAsync(Ct))!;
        merged["user"]!["name"]!.GetValue<string>().Should().Be("Lin");
        merged["orders"]![0]!.GetValue<int>().Should().Be(7);
        partial.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        var reported = JsonNode.Parse(await partial.Content.ReadAsStringAsync(Ct))!;
        reported["user"]!["name"]!.GetValue<string>().Should().Be("Kim");
        reported["orders"]!["error"]!["status"]!.GetValue<int>().Should().Be(404);
        orders.ReceivedCountFor("/orders/6").Should().Be(1);
        var userId = WireMockBackend.HeaderOf(users.Received.First(e => e.RequestMessage?.Path == "/users/5"), "X-Request-Id");
        var ordersId = WireMockBackend.HeaderOf(orders.Received.First(e => e.RequestMessage?.Path == "/orders/5"), "X-Request-Id");
        userId.Should().NotBeNullOrEmpty().And.Be(ordersId, "both parts carry the aggregate's request id");
    }

    [Fact]
    public async Task HotReload_GoodEditAppliesRoutesThenBrokenEditKeepsThem()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/first", body: "1").Stub("/second", body: "2");
        var logs = new LogCapture();
        string Route(string path) => GatewayUnderTest.Route(path, path, backend);
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(Route("/first")), services: s => s.AddLogging(b => b.AddProvider(logs)));
        using var client = gateway.CreateClient();
        var before = await client.GetAsync(new Uri("/second", UriKind.Relative), Ct);

        // Act 1: add a route while the gateway runs.
        await File.WriteAllTextAsync(gateway.ConfigFile, GatewayUnderTest.Ocelot(Route("/first") + "," + Route("/second")), Ct);
        var added = await PollAsync(async () => (await client.GetAsync(new Uri("/second", UriKind.Relative), Ct)).StatusCode == HttpStatusCode.OK);

        // Act 2: save a broken file (an unknown key).
        await File.WriteAllTextAsync(gateway.ConfigFile, GatewayUnderTest.Ocelot(Route("/first").Replace("DownstreamPathTemplate", "DownstreamPathTemplat", StringComparison.Ordinal)), Ct);
        var rejected = await PollAsync(() => Task.FromResult(logs.Messages.Any(m => m.Contains("rejected", StringComparison.Ordinal) && m.Contains("DownstreamPathTemplat", StringComparison.Ordinal))));
        var secondAfterBrokenEdit = await client.GetAsync(new Uri("/second", UriKind.Relative), Ct);

        // Assert
        before.StatusCode.Should().Be(HttpStatusCode.NotFound);
        added.Should().BeTrue("the new route answers without a restart");
        rejected.Should().BeTrue("a broken edit is logged as rejected, naming the bad key");
        secondAfterBrokenEdit.StatusCode.Should().Be(HttpStatusCode.OK, "the last good configuration stays in force");
        (await secondAfterBrokenEdit.Content.ReadAsStringAsync(Ct)).Should().Be("2");
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, Ct);
        }

        return false;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<HttpResponseMessage> DeleteRegionAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/admin/outputcache/books");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, Ct);
    }
}
