using Samples.OcelotGateway;
using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.Routing;

namespace Samples.Tests.Gateway;

/// <summary>What start-up does with an Ocelot file: stop on an unknown key, warn on a deprecated one, and the gateway's own paths.</summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayStartupTests
{
    [Fact]
    public async Task UnknownKey_AtStartUp_ExitsNonZeroNamingTheJsonPath()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("gateway-bad-");
        try
        {
            var file = Path.Combine(folder.FullName, "ocelot.json");
            await File.WriteAllTextAsync(file, """
                { "Routes": [
                  { "UpstreamPathTemplate": "/a", "DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 1 } ] },
                  { "UpstreamPathTemplate": "/b", "DownstreamPathTemplate": "/b", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 1 } ],
                    "QoSOptions": { "Timeout": 100, "Foo": 1 } } ] }
                """, Ct);

            // Act
            var run = await SampleProcess.RunAsync(typeof(GatewayApp), "05-ocelot-gateway", [$"--Gateway:ConfigFile={file}", "--urls=http://127.0.0.1:0"], Ct);

            // Assert
            run.RefusedLine().Should().StartWith("Configuration error: Routes[1].QoSOptions.Foo: unknown key");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DeprecatedKey_AtStartUp_RunsAndLogsAWarningNamingTheNewKey()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/old", body: "still works");
        var logs = new LogCapture();
        await using var gateway = GatewayUnderTest.Start(
            GatewayUnderTest.Ocelot($$"""
                { "UpstreamPathTemplate": "/old", "DownstreamPathTemplate": "/old", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
                  "AuthenticationOptions": { "AuthenticationProviderKey": "Bearer" } }
                """),
            services: s => s.AddLogging(b => b.AddProvider(logs)));
        using var client = gateway.CreateClient();

        // Act
        var anonymous = await client.GetAsync(new Uri("/old", UriKind.Relative), Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/old");
        request.Headers.Authorization = new("Bearer", TestTokens.Create());
        var authenticated = await client.SendAsync(request, Ct);

        // Assert
        logs.Messages.Should().Contain(m => m.StartsWith("Warning:", StringComparison.Ordinal)
            && m.Contains("Routes[0].AuthenticationOptions.AuthenticationProviderKey is deprecated: use Routes[0].AuthenticationOptions.AuthenticationProviderKeys", StringComparison.Ordinal));
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the deprecated key still means what it meant");
        authenticated.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Healthz_WithACatchAllRoute_AnsweredByTheGatewayItself()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/*", body: "backend");
        await using var gateway = GatewayUnderTest.StartRoutes(GatewayUnderTest.Route("/{everything}", "/{everything}", backend), GatewayUnderTest.Route("/{service}/{everything}", "/{everything}", backend, priority: 3));
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        json.RootElement.GetProperty("status").GetString().Should().Be("up");
        json.RootElement.GetProperty("stateStore").GetString().Should().Be("in-memory");
        backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task RouteTable_ApplyNewConfiguration_NewRoutesServeWithoutRestart()
    {
        // Arrange
        using var before = WireMockBackend.Start().Stub("/*", body: "before");
        using var after = WireMockBackend.Start().Stub("/*", body: "after");
        await using var gateway = GatewayUnderTest.StartRoutes(GatewayUnderTest.Route("/v/{everything}", "/{everything}", before));
        using var client = gateway.CreateClient();
        var first = await client.GetStringAsync(new Uri("/v/x", UriKind.Relative), Ct);
        var replacement = OcelotConfigLoader.Parse(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/w/{everything}", "DownstreamPathTemplate": "/{everything}", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(after)}} ],
              "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer" ] } }
            """)).GetOrThrow();

        // Act
        gateway.Services.GetRequiredService<OcelotRouteTable>().Apply(replacement);
        var old = await client.GetAsync(new Uri("/v/x", UriKind.Relative), Ct);
        var anonymous = await client.GetAsync(new Uri("/w/x", UriKind.Relative), Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/w/x");
        request.Headers.Authorization = new("Bearer", TestTokens.Create());
        var authenticated = await client.SendAsync(request, Ct);

        // Assert
        first.Should().Be("before");
        old.StatusCode.Should().Be(HttpStatusCode.NotFound);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the new route's auth comes with it");
        (await authenticated.Content.ReadAsStringAsync(Ct)).Should().Be("after");
    }

    [Fact]
    public async Task RouteTable_ApplySameRouteWithNewRequirements_NewRequirementsEnforced()
    {
        // Arrange: the YARP side of the route (path, methods, hosts, cluster) stays the same; only Ocelot options change.
        using var backend = WireMockBackend.Start().Stub("/*", body: "ok");
        var open = $$"""
            { "UpstreamPathTemplate": "/r", "DownstreamPathTemplate": "/r", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] }
            """;
        var guarded = $$"""
            { "UpstreamPathTemplate": "/r", "DownstreamPathTemplate": "/r", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer" ] }, "RouteClaimsRequirement": { "role": "admin" },
              "UpstreamHeaderTransform": { "X-Reloaded": "yes" } }
            """;
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(open));
        using var client = gateway.CreateClient();
        var before = await client.GetAsync(new Uri("/r", UriKind.Relative), Ct);

        // Act
        gateway.Services.GetRequiredService<OcelotRouteTable>().Apply(OcelotConfigLoader.Parse(GatewayUnderTest.Ocelot(guarded)).GetOrThrow());
        var anonymous = await client.GetAsync(new Uri("/r", UriKind.Relative), Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/r");
        request.Headers.Authorization = new("Bearer", TestTokens.Create(roles: ["admin"]));
        var admin = await client.SendAsync(request, Ct);

        // Assert
        before.StatusCode.Should().Be(HttpStatusCode.OK);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.LastHeader("X-Reloaded").Should().Be("yes");
    }
}
