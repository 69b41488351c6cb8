using System.Text.Json.Nodes;

namespace Samples.Tests.Gateway;

/// <summary>An aggregate's Priority ranks it against the other aggregates and the routes that match the same path, as in Ocelot.</summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayAggregatePriorityTests
{
    private static string File(WireMockBackend backend, int aggregatePriority, int routePriority) => $$"""
        {
          "Routes": [
            { "Key": "a", "UpstreamPathTemplate": "/parts/a", "DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] },
            { "Key": "b", "UpstreamPathTemplate": "/parts/b", "DownstreamPathTemplate": "/b", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] },
            { "UpstreamPathTemplate": "/both", "Priority": {{routePriority}}, "DownstreamPathTemplate": "/route", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] }
          ],
          "Aggregates": [
            { "UpstreamPathTemplate": "/both", "RouteKeys": [ "a" ] },
            { "UpstreamPathTemplate": "/both", "RouteKeys": [ "b" ], "Priority": {{aggregatePriority}} }
          ]
        }
        """;

    private static WireMockBackend Backend() => WireMockBackend.Start().Stub("/a", body: "\"A\"").Stub("/b", body: "\"B\"").Stub("/route", body: "route");

    [Fact]
    public async Task Aggregates_SamePath_HigherPriorityAnswersThoughListedLater()
    {
        // Arrange
        using var backend = Backend();
        await using var gateway = GatewayUnderTest.Start(File(backend, aggregatePriority: 5, routePriority: 1));
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/both", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var merged = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        merged.Select(p => p.Key).Should().Equal("b");
        backend.ReceivedCountFor("/route").Should().Be(0);
    }

    [Fact]
    public async Task RouteAndAggregate_SamePath_RouteWithHigherPriorityAnswers()
    {
        // Arrange
        using var backend = Backend();
        await using var gateway = GatewayUnderTest.Start(File(backend, aggregatePriority: 2, routePriority: 3));
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/both", UriKind.Relative), Ct);

        // Assert
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("route");
        backend.ReceivedCountFor("/b").Should().Be(0);
    }
}
