namespace Samples.Tests.Gateway;

/// <summary>AuthenticationProviderKeys, RouteClaimsRequirement and AddHeadersToRequest: Ocelot's 401 and 403, and what reaches the downstream.</summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayAuthTests : IAsyncLifetime
{
    private readonly WireMockBackend _backend = WireMockBackend.Start().Stub("/*", body: "secret");
    private GatewayUnderTest _gateway = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/public", "DownstreamPathTemplate": "/public", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(_backend)}} ] },
            { "UpstreamPathTemplate": "/account", "DownstreamPathTemplate": "/account", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(_backend)}} ],
              "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer" ] },
              "AddHeadersToRequest": { "X-User": "Claims[sub] > value", "X-Tenant": "Claims[tenant] > value[1] > |" } },
            { "UpstreamPathTemplate": "/admin", "DownstreamPathTemplate": "/admin", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(_backend)}} ],
              "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer" ] },
              "RouteClaimsRequirement": { "role": "admin" } },
            { "UpstreamPathTemplate": "/users/{userId}/orders", "DownstreamPathTemplate": "/orders/{userId}", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(_backend)}} ],
              "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer" ] },
              "RouteClaimsRequirement": { "sub": "{userId}" } },
            { "UpstreamPathTemplate": "/scoped", "DownstreamPathTemplate": "/scoped", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(_backend)}} ],
              "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer" ], "AllowedScopes": [ "orders.read" ] } }
            """));
        _client = _gateway.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        _backend.Dispose();
    }

    [Fact]
    public async Task UnauthenticatedRoute_NoToken_Proxied()
    {
        // Act
        var response = await Get("/public", token: null);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _backend.ReceivedCountFor("/public").Should().Be(1);
    }

    [Fact]
    public async Task AuthenticatedRoute_NoToken_401AndDownstreamNotCalled()
    {
        // Act
        var response = await Get("/account", token: null);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        _backend.ReceivedCount.Should().Be(0);
    }

    [Theory]
    [InlineData("bad signature")]
    [InlineData("expired")]
    [InlineData("wrong audience")]
    [InlineData("wrong issuer")]
    public async Task AuthenticatedRoute_InvalidToken_401AndDownstreamNotCalled(string flaw)
    {
        // Arrange
        var token = flaw switch
        {
            "bad signature" => TestTokens.Create(signingKey: "another-key-that-is-also-32-bytes-long!!"),
            "expired" => TestTokens.Create(expires: DateTimeOffset.UtcNow.AddMinutes(-10)),
            "wrong audience" => TestTokens.Create(audience: "someone-else"),
            _ => TestTokens.Create(issuer: "someone-else"),
        };

        // Act
        var response = await Get("/account", token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task ClaimsRequirement_ClaimMissing_403AndDownstreamNotCalled()
    {
        // Act
        var response = await Get("/admin", TestTokens.Create(roles: ["user"]));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        _backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task ClaimsRequirement_NoRoleAtAll_403()
    {
        // Act
        var response = await Get("/admin", TestTokens.Create());

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ClaimsRequirement_ClaimAmongSeveralValues_Allowed()
    {
        // Act
        var response = await Get("/admin", TestTokens.Create(roles: ["user", "auditor", "admin"]));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _backend.ReceivedCountFor("/admin").Should().Be(1);
    }

    [Fact]
    public async Task ClaimsRequirement_Admin_Allowed()
    {
        // Act
        var response = await Get("/admin", TestTokens.Create(subject: "bob", roles: ["admin"]));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _backend.LastHeader("Authorization").Should().StartWith("Bearer ", "the token travels on to the downstream, as in Ocelot");
    }

    [Fact]
    public async Task ClaimsRequirement_PlaceholderValue_MustEqualTheRouteValue()
    {
        // Act
        var own = await Get("/users/alice/orders", TestTokens.Create(subject: "alice"));
        var other = await Get("/users/bob/orders", TestTokens.Create(subject: "alice"));

        // Assert
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        _backend.Received.Select(e => e.RequestMessage!.Path).Should().Equal("/orders/alice");
    }

    [Fact]
    public async Task AllowedScopes_ScopeMissingOrPresent_403Or200()
    {
        // Act
        var without = await Get("/scoped", TestTokens.Create(extraClaims: new Dictionary<string, object> { ["scope"] = "orders.write" }));
        var with = await Get("/scoped", TestTokens.Create(extraClaims: new Dictionary<string, object> { ["scope"] = "profile orders.read" }));

        // Assert
        without.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        with.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AddHeadersToRequest_Claims_SentAsHeadersReplacingWhatTheClientSent()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(
            subject: "alice",
            extraClaims: new Dictionary<string, object> { ["tenant"] = "eu|acme|gold" }));
        request.Headers.Add("X-User", "mallory");

        // Act
        var response = await _client.SendAsync(request, Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _backend.LastHeader("X-User").Should().Be("alice");
        _backend.LastHeader("X-Tenant").Should().Be("acme");
    }

    [Fact]
    public async Task AddHeadersToRequest_ClaimAbsent_403AndDownstreamNotCalled()
    {
        // Act: no "tenant" claim, so the X-Tenant header cannot be made.
        var response = await Get("/account", TestTokens.Create(subject: "alice"));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        _backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task DemoTokenEndpoint_DemoBackendsOff_NotAnswered()
    {
        // Act
        var response = await _client.PostAsync(new Uri("/demo/token", UriKind.Relative), new StringContent("""{"user":"x","role":"admin"}""", System.Text.Encoding.UTF8, "application/json"), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Curl_BearerToken_ReachesTheDownstreamWithClaimHeaders()
    {
        // Arrange
        var curl = Curl.Require();
        var token = TestTokens.Create(subject: "carol", extraClaims: new Dictionary<string, object> { ["tenant"] = "eu|acme" });

        // Act
        var run = await curl.RunAsync("-H", $"Authorization: Bearer {token}", "-w", " %{http_code}", new Uri(_gateway.BaseAddress, "/account").ToString());

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        run.StdOut.Should().Be("secret 200");
        _backend.LastHeader("X-User").Should().Be("carol");
    }

    private async Task<HttpResponseMessage> Get(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _client.SendAsync(request, Ct);
    }
}
