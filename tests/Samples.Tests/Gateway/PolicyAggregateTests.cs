using System.Text.Json.Nodes;
using Samples.OcelotGateway.Policies;

namespace Samples.Tests.Gateway;

/// <summary>Aggregates: parts called in parallel through the gateway, merged under their keys.</summary>
[Trait("Concept", "Gateway")]
public sealed class PolicyAggregateTests
{
    private static readonly AggregateRule Summary = new("/summary/{id}", [new("user", "/users/{id}"), new("orders", "/orders/{id}")]);

    [Fact]
    public async Task Aggregate_TwoRoutes_MergesTheirJsonUnderTheirKeys()
    {
        // Arrange
        using var users = WireMockBackend.Start().Stub("/users/42", body: "{\"name\":\"Ada\"}");
        using var orders = WireMockBackend.Start().Stub("/orders/42", body: "[1,2]");
        await using var gateway = await PolicyTestGateway.StartAsync(
            [PolicyTestGateway.Route("users", "/users", users.Url), PolicyTestGateway.Route("orders", "/orders", orders.Url)],
            [Summary]);
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/summary/42", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        json["user"]!["name"]!.GetValue<string>().Should().Be("Ada");
        json["orders"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(1, 2);
        users.ReceivedCountFor("/users/42").Should().Be(1);
        orders.ReceivedCountFor("/orders/42").Should().Be(1);
    }

    [Fact]
    public async Task Aggregate_PartFails_502WithGoodPartsAndErrorUnderFailedKey()
    {
        // Arrange
        using var users = WireMockBackend.Start().Stub("/users/7", body: "{\"name\":\"Grace\"}");
        using var orders = WireMockBackend.Start().Stub("/orders/7", status: 500, body: "database down");
        await using var gateway = await PolicyTestGateway.StartAsync(
            [PolicyTestGateway.Route("users", "/users", users.Url), PolicyTestGateway.Route("orders", "/orders", orders.Url)],
            [Summary]);
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/summary/7", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        json["user"]!["name"]!.GetValue<string>().Should().Be("Grace");
        json["orders"]!["error"]!["status"]!.GetValue<int>().Should().Be(500);
        json["orders"]!["error"]!["title"]!.GetValue<string>().Should().Be("Internal Server Error");
    }

    [Fact]
    public async Task Aggregate_PartUnreachable_ErrorCarriesTheGateways502()
    {
        // Arrange: the orders route points at a port nobody listens on.
        using var users = WireMockBackend.Start().Stub("/users/1", body: "{}");
        var dead = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var gateway = await PolicyTestGateway.StartAsync(
            [PolicyTestGateway.Route("users", "/users", users.Url), PolicyTestGateway.Route("orders", "/orders", dead)],
            [Summary]);
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/summary/1", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        json["user"].Should().NotBeNull();
        json["orders"]!["error"]!["status"]!.GetValue<int>().Should().Be(502);
    }

    [Theory]
    [InlineData("/users/{id}", "42", "/users/42")]
    [InlineData("/users/{id}/orders", "a b", "/users/a%20b/orders")]
    public void FillTemplate_CapturedValue_EscapedIntoThePartsPath(string template, string id, string expected)
    {
        AggregateMiddleware.FillTemplate(template, new Dictionary<string, object?> { ["id"] = id }).Should().Be(expected);
    }
}
