using Samples.OcelotGateway.Policies;

namespace Samples.Tests.Gateway;

/// <summary>Rate limits through ASP.NET Core's rate-limiting middleware, in front of real forwarding.</summary>
[Trait("Concept", "Gateway")]
public sealed class PolicyRateLimitTests
{
    private static readonly Uri Items = new("/api/items", UriKind.Relative);

    [Fact]
    public async Task RateLimit_OverTheLimit_429WithOcelotMessageAndDownstreamSpared()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/api/items", body: "[]");
        await using var gateway = await PolicyTestGateway.StartAsync([
            PolicyTestGateway.Route("items", "/api", backend.Url, rateLimit: new RateLimitRule { Limit = 2, Period = TimeSpan.FromSeconds(1), PeriodText = "1s" }),
        ]);
        using var client = gateway.CreateClient();

        // Act
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.GetAsync(Items, Ct));
        }

        // Assert
        answers.Select(a => a.StatusCode).Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        (await answers[2].Content.ReadAsStringAsync(Ct)).Should().Be("API calls quota exceeded! maximum admitted 2 per 1s.");
        answers[2].Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        answers[1].Headers.GetValues("X-RateLimit-Remaining").Should().Equal("0");
        backend.ReceivedCountFor("/api/items").Should().Be(2);
    }

    [Fact]
    public async Task RateLimit_WaitThenPeriodPass_AllowedAgainOnlyAfterWait()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/api/items", body: "[]");
        await using var gateway = await PolicyTestGateway.StartAsync([
            PolicyTestGateway.Route("items", "/api", backend.Url, rateLimit: new RateLimitRule { Limit = 1, Period = TimeSpan.FromSeconds(1), PeriodText = "1s", Wait = TimeSpan.FromSeconds(10) }),
        ]);
        using var client = gateway.CreateClient();
        (await client.GetAsync(Items, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await client.GetAsync(Items, Ct);

        // Act
        gateway.Time.Advance(TimeSpan.FromSeconds(5));
        var duringWait = await client.GetAsync(Items, Ct);
        gateway.Time.Advance(TimeSpan.FromSeconds(5));
        var afterWait = await client.GetAsync(Items, Ct);

        // Assert
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(10));
        duringWait.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        duringWait.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        afterWait.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.ReceivedCountFor("/api/items").Should().Be(2);
    }

    [Fact]
    public async Task RateLimit_ClientIdHeader_PartitionsAndWhitelistIsNeverLimited()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/api/items", body: "[]");
        await using var gateway = await PolicyTestGateway.StartAsync([
            PolicyTestGateway.Route("items", "/api", backend.Url, rateLimit: new RateLimitRule { Limit = 1, Period = TimeSpan.FromMinutes(1), ClientWhitelist = ["ops"] }),
        ]);
        using var client = gateway.CreateClient();

        // Act
        var alice = new[] { await SendAs(client, "alice"), await SendAs(client, "alice") };
        var bob = await SendAs(client, "bob");
        var ops = new[] { await SendAs(client, "ops"), await SendAs(client, "ops"), await SendAs(client, "ops") };

        // Assert
        alice.Select(a => a.StatusCode).Should().Equal(HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        bob.StatusCode.Should().Be(HttpStatusCode.OK, "each client has its own window");
        ops.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK);
        ops[0].Headers.Contains("X-RateLimit-Limit").Should().BeFalse("a whitelisted client is not counted at all");
        backend.ReceivedCountFor("/api/items").Should().Be(5);
    }

    [Fact]
    public async Task RateLimit_CustomStatusMessageAndHeadersOff_AnswersAsConfigured()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/api/items", body: "[]");
        await using var gateway = await PolicyTestGateway.StartAsync([
            PolicyTestGateway.Route("items", "/api", backend.Url, rateLimit: new RateLimitRule
            {
                Limit = 1,
                Period = TimeSpan.FromMinutes(5),
                PeriodText = "5m",
                StatusCode = 418,
                QuotaMessage = "Slow down: {0} per {1}",
                EnableHeaders = false,
            }),
        ]);
        using var client = gateway.CreateClient();

        // Act
        var allowed = await client.GetAsync(Items, Ct);
        var refused = await client.GetAsync(Items, Ct);

        // Assert
        allowed.Headers.Contains("X-RateLimit-Remaining").Should().BeFalse();
        ((int)refused.StatusCode).Should().Be(418);
        (await refused.Content.ReadAsStringAsync(Ct)).Should().Be("Slow down: 1 per 5m");
        refused.Headers.Contains("Retry-After").Should().BeFalse();
        refused.Headers.Contains("X-RateLimit-Limit").Should().BeFalse();
    }

    [Fact]
    public async Task RateLimit_HeadersOn_CountDownAndSayWhenTheWindowResets()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/api/items", body: "[]");
        await using var gateway = await PolicyTestGateway.StartAsync([
            PolicyTestGateway.Route("items", "/api", backend.Url, rateLimit: new RateLimitRule { Limit = 3, Period = TimeSpan.FromMinutes(1) }),
        ]);
        using var client = gateway.CreateClient();

        // Act
        var first = await client.GetAsync(Items, Ct);
        gateway.Time.Advance(TimeSpan.FromSeconds(20));
        var second = await client.GetAsync(Items, Ct);

        // Assert
        first.Headers.GetValues("X-RateLimit-Limit").Should().Equal("3");
        first.Headers.GetValues("X-RateLimit-Remaining").Should().Equal("2");
        first.Headers.GetValues("X-RateLimit-Reset").Should().Equal("60");
        second.Headers.GetValues("X-RateLimit-Remaining").Should().Equal("1");
        second.Headers.GetValues("X-RateLimit-Reset").Should().Equal("40");
    }

    private static async Task<HttpResponseMessage> SendAs(HttpClient client, string clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Items);
        request.Headers.Add(RateLimitRule.DefaultClientIdHeader, clientId);
        return await client.SendAsync(request, Ct);
    }
}
