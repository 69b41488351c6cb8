using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.Policies;

namespace Samples.Tests.Gateway;

/// <summary>From ocelot.json's options to the policies' rules, with GlobalConfiguration as defaults.</summary>
[Trait("Concept", "Gateway")]
public sealed class PolicyMapperTests
{
    private const string File = """
        {
          "Routes": [
            {
              "Key": "a", "UpstreamPathTemplate": "/a/{id}", "UpstreamHttpMethod": [ "Get" ],
              "DownstreamPathTemplate": "/{id}", "DownstreamScheme": "http", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 9001 } ],
              "RateLimitOptions": { "Limit": 5, "Period": "1m", "Wait": "30s" },
              "CacheOptions": { "TtlSeconds": 15 },
              "QoSOptions": { "Timeout": 2000, "MinimumThroughput": 4, "BreakDuration": 1000 }
            },
            {
              "Key": "b", "UpstreamPathTemplate": "/b/{id}",
              "DownstreamPathTemplate": "/{id}", "DownstreamScheme": "http", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 9002 } ]
            },
            {
              "Key": "c", "UpstreamPathTemplate": "/c",
              "DownstreamPathTemplate": "/", "DownstreamScheme": "http", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 9003 } ],
              "RateLimitOptions": { "EnableRateLimiting": false, "Limit": 1, "Period": "1s" }
            }
          ],
          "Aggregates": [ { "UpstreamPathTemplate": "/both/{id}", "RouteKeys": [ "a", "b" ] } ],
          "GlobalConfiguration": {
            "RateLimitOptions": { "ClientIdHeader": "X-Client", "QuotaMessage": "Easy!", "StatusCode": 503, "Limit": 100, "Period": "1h", "RouteKeys": [ "b" ] }
          }
        }
        """;

    [Fact]
    public void Map_RouteOptions_BecomeRulesWithGlobalDefaults()
    {
        // Arrange
        var configuration = OcelotConfigLoader.Parse(File).GetOrThrow();

        // Act
        var (routes, _, errors) = OcelotPolicyMapper.Map(configuration, r => r.Key!);

        // Assert
        errors.Should().BeEmpty();
        var a = routes.Single(r => r.RouteId == "a");
        a.RateLimit!.Limit.Should().Be(5);
        a.RateLimit.PeriodText.Should().Be("1m");
        a.RateLimit.Wait.Should().Be(TimeSpan.FromSeconds(30));
        a.RateLimit.ClientIdHeader.Should().Be("X-Client", "the global options are defaults for every route");
        a.RateLimit.StatusCode.Should().Be(503);
        a.Cache!.Ttl.Should().Be(TimeSpan.FromSeconds(15));
        a.Cache.Region.Should().Be("GETa{id}", "Ocelot's default region is the methods and the template without slashes");
        a.Qos!.Timeout.Should().Be(TimeSpan.FromSeconds(2));
        a.Qos.MinimumThroughput.Should().Be(4);
        a.Qos.BreakDuration.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Map_GlobalLimitWithRouteKeys_ReachesOnlyTheNamedRoutes()
    {
        // Arrange
        var configuration = OcelotConfigLoader.Parse(File).GetOrThrow();

        // Act
        var (routes, _, _) = OcelotPolicyMapper.Map(configuration, r => r.Key!);

        // Assert
        var b = routes.Single(r => r.RouteId == "b");
        b.RateLimit!.Limit.Should().Be(100);
        b.RateLimit.Period.Should().Be(TimeSpan.FromHours(1));
        b.RateLimit.QuotaMessage.Should().Be("Easy!");
        b.Cache.Should().BeNull();
        b.Qos.Should().BeNull();
        routes.Single(r => r.RouteId == "c").RateLimit.Should().BeNull("EnableRateLimiting false turns the route's limit off");
    }

    [Fact]
    public void Map_Aggregate_PartsCarryTheirRoutesTemplates()
    {
        // Arrange
        var configuration = OcelotConfigLoader.Parse(File).GetOrThrow();

        // Act
        var (_, aggregates, _) = OcelotPolicyMapper.Map(configuration, r => r.Key!);

        // Assert
        aggregates.Should().ContainSingle();
        aggregates[0].UpstreamPathTemplate.Should().Be("/both/{id}");
        aggregates[0].Parts.Should().Equal(new AggregatePart("a", "/a/{id}"), new AggregatePart("b", "/b/{id}"));
    }

    [Fact]
    public void Map_AggregateMissingAPlaceholder_IsAnError()
    {
        // Arrange
        var configuration = OcelotConfigLoader.Parse(File.Replace("\"/both/{id}\"", "\"/both\"", StringComparison.Ordinal)).GetOrThrow();

        // Act
        var (_, _, errors) = OcelotPolicyMapper.Map(configuration, r => r.Key!);

        // Assert
        errors.Should().Contain(e => e.Path == "Aggregates[0].RouteKeys[0]" && e.Reason.Contains("{id}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1000, "1s")]
    [InlineData(300_000, "5m")]
    [InlineData(90_000, "90s")]
    [InlineData(86_400_000, "1d")]
    [InlineData(250, "250ms")]
    public void Period_Format_WritesTheLargestWholeUnit(long milliseconds, string expected)
    {
        OcelotPeriod.Format(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(expected);
    }
}
