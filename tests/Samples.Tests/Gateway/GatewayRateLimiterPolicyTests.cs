using System.Text.Json.Nodes;
using Samples.OcelotGateway;
using Samples.OcelotGateway.RateLimiterPolicies;
using Samples.OcelotGateway.Settings;

namespace Samples.Tests.Gateway;

/// <summary>
/// "RateLimitMiddlewareType": "DotNet" routes limited by a named ASP.NET Core
/// policy from Gateway:RateLimiterPolicies, beside Ocelot's own limiter, both
/// refusing with GlobalConfiguration's status and message (OcelotFiles/rate-limits.json).
/// </summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayRateLimiterPolicyTests
{
    private static readonly Uri Own = new("/quota/own", UriKind.Relative);
    private static readonly Uri Policy = new("/quota/policy", UriKind.Relative);

    // Two requests an hour: long enough that no test can see the window end.
    private static readonly Dictionary<string, string?> Hourly = new()
    {
        ["Gateway:RateLimiterPolicies:hourly:Type"] = "FixedWindow",
        ["Gateway:RateLimiterPolicies:hourly:PermitLimit"] = "2",
        ["Gateway:RateLimiterPolicies:hourly:Window"] = "01:00:00",
    };

    private static GatewayUnderTest Gateway(WireMockBackend backend) =>
        GatewayUnderTest.Start(OcelotFiles.Read("rate-limits.json", backend.Port), settings: Hourly);

    private static WireMockBackend Backend() => WireMockBackend.Start()
        .Stub("/quota/own", body: "{\"from\":\"own\"}")
        .Stub("/quota/policy", body: "{\"from\":\"policy\"}");

    [Fact]
    public async Task DotNetPolicy_OverItsPermitLimit_RefusedWithGlobalStatusAndMessage()
    {
        // Arrange
        using var backend = Backend();
        await using var gateway = Gateway(backend);
        using var client = gateway.CreateClient();

        // Act
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.GetAsync(Policy, Ct));
        }

        // Assert
        answers.Select(a => (int)a.StatusCode).Should().Equal(200, 200, 418);
        (await answers[2].Content.ReadAsStringAsync(Ct)).Should().Be("Slow down, please.");
        answers[2].Headers.RetryAfter.Should().NotBeNull("the fixed window knows when it starts again");
        backend.ReceivedCountFor("/quota/policy").Should().Be(2);
    }

    [Theory]
    [InlineData("fixed")]
    [InlineData("sliding")]
    [InlineData("token")]
    [InlineData("concurrency")]
    public async Task ShippedPolicy_NamedAsOcelotsDocsNameIt_RouteRunsOnIt(string name)
    {
        // Arrange: no policy settings of the test's own, only the sample's appsettings.json.
        using var backend = Backend();
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/quota/policy", "DownstreamPathTemplate": "/quota/policy", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "RateLimitOptions": { "EnableRateLimiting": true, "RateLimitMiddlewareType": "DotNet", "RateLimitPolicyName": "{{name}}" } }
            """));
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(Policy, Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.ReceivedCountFor("/quota/policy").Should().Be(1);
    }

    [Fact]
    public async Task ConcurrencyPolicy_Refused_StillSaysWhenToComeBack()
    {
        // Arrange: one request at a time, no queue; the downstream holds the first until the test lets it go.
        var busy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var backend = WireMockBackend.Start().Stub(server => server
            .Given(Request.Create().WithPath("/quota/policy").UsingGet())
            .RespondWith(Response.Create().WithCallback(async _ =>
            {
                busy.TrySetResult();
                await release.Task;
                return new WireMock.ResponseMessage { StatusCode = 200, BodyData = new WireMock.Util.BodyData { BodyAsString = "slow", DetectedBodyType = WireMock.Types.BodyType.String } };
            })));
        await using var gateway = GatewayUnderTest.Start(
            GatewayUnderTest.Ocelot($$"""
                { "UpstreamPathTemplate": "/quota/policy", "DownstreamPathTemplate": "/quota/policy", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
                  "RateLimitOptions": { "EnableRateLimiting": true, "RateLimitMiddlewareType": "DotNet", "RateLimitPolicyName": "one" } }
                """),
            settings: new Dictionary<string, string?>
            {
                ["Gateway:RateLimiterPolicies:one:Type"] = "Concurrency",
                ["Gateway:RateLimiterPolicies:one:PermitLimit"] = "1",
                ["Gateway:RateLimiterPolicies:one:QueueLimit"] = "0",
            });
        using var client = gateway.CreateClient();
        var inFlight = client.GetAsync(Policy, Ct);
        await busy.Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        // Act
        using var refused = await client.GetAsync(Policy, Ct);
        release.SetResult();

        // Assert
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull("a 429 says when to come back, even from a limiter without a window");
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        (await inFlight).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DotNetPolicy_TwoClients_ShareOneLimiter()
    {
        // Arrange
        using var backend = Backend();
        await using var gateway = Gateway(backend);
        using var client = gateway.CreateClient();
        HttpRequestMessage From(string id) => new(HttpMethod.Get, Policy) { Headers = { { "Oc-Client", id } } };

        // Act
        var first = await client.SendAsync(From("alice"), Ct);
        var second = await client.SendAsync(From("bob"), Ct);
        var third = await client.SendAsync(From("carol"), Ct);

        // Assert: a policy is one limiter, whoever calls (as AddFixedWindowLimiter makes it); Ocelot's own limiter counts per client.
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        ((int)third.StatusCode).Should().Be(418);
    }

    [Fact]
    public async Task OcelotLimiter_SecondRequestInItsPeriod_RefusedWithGlobalStatusAndMessage()
    {
        // Arrange
        using var backend = Backend();
        await using var gateway = Gateway(backend);
        using var client = gateway.CreateClient();

        // Act
        var first = await client.GetAsync(Own, Ct);
        var second = await client.GetAsync(Own, Ct);

        // Assert
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        ((int)second.StatusCode).Should().Be(418);
        (await second.Content.ReadAsStringAsync(Ct)).Should().Be("Slow down, please.");
        backend.ReceivedCountFor("/quota/own").Should().Be(1);
    }

    [Fact]
    public async Task Aggregate_PartsUnderTheirLimits_CombinesBothKindsOfRoute()
    {
        // Arrange
        using var backend = Backend();
        await using var gateway = Gateway(backend);
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(new Uri("/quota", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var merged = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        merged["policy"]!["from"]!.GetValue<string>().Should().Be("policy");
        merged["own"]!["from"]!.GetValue<string>().Should().Be("own");
    }

    [Fact]
    public async Task Start_RouteNamesAPolicyNotDefined_ExitsWithOneLineNamingThePathAndThePolicy()
    {
        // Arrange: the sample's appsettings.json defines fixed, sliding, token and concurrency, but not "hourly".
        using var folder = new OcelotFileFolder();
        var file = folder.Write("ocelot.json", OcelotFiles.Read("rate-limits.json", 1));

        // Act
        var run = await SampleProcess.RunAsync(typeof(GatewayApp), "05-ocelot-gateway", [$"--Gateway:ConfigFile={file}", "--urls=http://127.0.0.1:0"], Ct);

        // Assert
        run.RefusedLine().Should().Be(
            "Configuration error: Routes[1].RateLimitOptions.RateLimitPolicyName: no rate-limiter policy \"hourly\" in Gateway:RateLimiterPolicies (defined: concurrency, fixed, sliding, token) in ocelot.json");
    }

    [Theory]
    [InlineData("fixed window without permits", "Gateway:RateLimiterPolicies:p:PermitLimit: must be at least 1, found 0")]
    [InlineData("sliding window without segments", "Gateway:RateLimiterPolicies:p:SegmentsPerWindow: must be at least 1, found 0")]
    [InlineData("token bucket never refilled", "Gateway:RateLimiterPolicies:p:ReplenishmentPeriod: must be longer than zero (a time such as \"00:00:10\"), found 00:00:00")]
    [InlineData("concurrency with a negative queue", "Gateway:RateLimiterPolicies:p:QueueLimit: must not be negative, found -1")]
    public void Validate_PolicyMissingWhatItsLimiterNeeds_FailureNamesTheFullKey(string broken, string failure)
    {
        // Arrange
        var policy = broken switch
        {
            "fixed window without permits" => Good(RateLimiterType.FixedWindow) with { PermitLimit = 0 },
            "sliding window without segments" => Good(RateLimiterType.SlidingWindow) with { SegmentsPerWindow = 0 },
            "token bucket never refilled" => Good(RateLimiterType.TokenBucket) with { ReplenishmentPeriod = TimeSpan.Zero },
            _ => Good(RateLimiterType.Concurrency) with { QueueLimit = -1 },
        };
        var options = new GatewayOptions { RateLimiterPolicies = { ["p"] = policy } };

        // Act
        var result = new RateLimiterPoliciesValidator().Validate(null, options);

        // Assert
        result.Failures.Should().Equal(failure);
    }

    [Theory]
    [InlineData("Disable")]
    [InlineData("default")]
    public void Validate_PolicyNamedAsYarpsOwnWords_Refused(string name)
    {
        // Arrange
        var options = new GatewayOptions { RateLimiterPolicies = { [name] = new RateLimiterPolicyOptions { Type = RateLimiterType.Concurrency, PermitLimit = 1 } } };

        // Act
        var result = new RateLimiterPoliciesValidator().Validate(null, options);

        // Assert
        result.Failures.Should().ContainSingle().Which.Should().StartWith($"Gateway:RateLimiterPolicies:{name}: ");
    }

    [Fact]
    public void Validate_PolicyWithoutType_FailureListsTheTypes()
    {
        // Arrange
        var options = new GatewayOptions { RateLimiterPolicies = { ["p"] = new RateLimiterPolicyOptions { PermitLimit = 1 } } };

        // Act
        var result = new RateLimiterPoliciesValidator().Validate(null, options);

        // Assert
        result.Failures.Should().Equal("Gateway:RateLimiterPolicies:p:Type: required (FixedWindow, SlidingWindow, TokenBucket, Concurrency)");
    }

    // A policy that is good in every respect, for a test to break one of.
    private static RateLimiterPolicyOptions Good(RateLimiterType type) => new()
    {
        Type = type,
        PermitLimit = 1,
        Window = TimeSpan.FromSeconds(1),
        SegmentsPerWindow = 1,
        TokenLimit = 1,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
    };
}
