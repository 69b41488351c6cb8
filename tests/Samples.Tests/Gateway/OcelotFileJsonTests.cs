using Samples.OcelotGateway.Configuration;

namespace Samples.Tests.Gateway;

/// <summary>
/// The file is read by System.Text.Json with the leniencies Ocelot users rely on
/// (comments, trailing commas, keys in any case), and a value of the wrong type
/// or an unknown key still stops start-up with one line naming its JSON path.
/// </summary>
[Trait("Concept", "Gateway")]
public sealed class OcelotFileJsonTests
{
    private const string Route = """{ "UpstreamPathTemplate": "/a", "DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [ { "Host": "h", "Port": 1 } ] }""";

    /// <summary>Parses three routes, the third one <see cref="Route"/> with one piece replaced.</summary>
    private static OcelotLoadResult ParseWithThirdRoute(string find, string replacement) =>
        OcelotConfigLoader.Parse($$"""{ "Routes": [ {{Route}}, {{Route}}, {{Route.Replace(find, replacement, StringComparison.Ordinal)}} ] }""");

    [Fact]
    public void Parse_CommentsAndTrailingCommas_Accepted()
    {
        // Arrange
        const string json = """
            /* the gateway's routes */
            {
              "Routes": [
                {
                  "UpstreamPathTemplate": "/a", // where clients call
                  "DownstreamPathTemplate": "/a",
                  "DownstreamHostAndPorts": [ { "Host": "h", "Port": 1, }, ],
                },
              ],
            }
            """;

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Errors.Should().BeEmpty();
        result.Configuration!.Routes.Should().ContainSingle().Which.DownstreamHostAndPorts.Should().Equal(new OcelotHostAndPort("h", 1));
    }

    [Fact]
    public void Parse_CamelCaseKeys_ReadAsThePascalCaseOnes()
    {
        // Arrange
        const string json = """
            {
              "routes": [ {
                "upstreamPathTemplate": "/orders/{id}",
                "upstreamHttpMethod": [ "get" ],
                "downstreamPathTemplate": "/api/orders/{id}",
                "downstreamHostAndPorts": [ { "host": "127.0.0.1", "port": 5001 } ],
                "qoSOptions": { "timeout": 2000 },
                "rateLimitOptions": { "enableRateLimiting": "true", "period": "1s", "limit": 2 }
              } ],
              "globalConfiguration": { "requestIdKey": "X-Request-Id" }
            }
            """;

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Errors.Should().BeEmpty();
        var route = result.Configuration!.Routes.Should().ContainSingle().Subject;
        route.UpstreamPathTemplate.Should().Be("/orders/{id}");
        route.UpstreamHttpMethod.Should().Equal("GET");
        route.DownstreamHostAndPorts.Should().Equal(new OcelotHostAndPort("127.0.0.1", 5001));
        route.QoSOptions!.Timeout.Should().Be(TimeSpan.FromSeconds(2));
        route.RateLimitOptions.Should().BeEquivalentTo(new { EnableRateLimiting = true, Period = TimeSpan.FromSeconds(1), Limit = 2 });
        result.Configuration.GlobalConfiguration.RequestIdKey.Should().Be("X-Request-Id");
    }

    [Fact]
    public void Parse_CamelCaseDeprecatedAndUnsupportedKeys_KeepTheirWarningAndReason()
    {
        // Arrange
        var json = $$"""{ "Routes": [ {{Route.Replace("\"UpstreamPathTemplate\"", "\"fileCacheOptions\": { \"ttlSeconds\": 5 }, \"serviceName\": \"orders\", \"UpstreamPathTemplate\"", StringComparison.Ordinal)}} ] }""";

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Warnings.Should().ContainSingle().Which.Should().StartWith("Routes[0].FileCacheOptions is deprecated: use Routes[0].CacheOptions");
        result.Errors.Should().ContainSingle().Which.Should().Match<OcelotConfigError>(e =>
            e.Path == "Routes[0].serviceName" && e.Reason.Contains("service discovery"));
    }

    [Theory]
    [InlineData("\"Port\": 1", "\"Port\": \"eighty\"", "Routes[2].DownstreamHostAndPorts[0].Port", "expected a number, found \"eighty\"")]
    [InlineData("\"Port\": 1", "\"port\": true", "Routes[2].DownstreamHostAndPorts[0].Port", "expected a number, found true")]
    [InlineData("\"Port\": 1", "\"Port\": 1.5", "Routes[2].DownstreamHostAndPorts[0].Port", "expected a whole number, found 1.5")]
    [InlineData("\"Host\": \"h\"", "\"Host\": 7", "Routes[2].DownstreamHostAndPorts[0].Host", "expected a string, found 7")]
    [InlineData("\"DownstreamHostAndPorts\": [ { \"Host\": \"h\", \"Port\": 1 } ]", "\"DownstreamHostAndPorts\": { \"Host\": \"h\" }", "Routes[2].DownstreamHostAndPorts", "expected an array, found an object")]
    [InlineData("\"UpstreamPathTemplate\": \"/a\"", "\"UpstreamPathTemplate\": \"/a\", \"UpstreamHttpMethod\": [ \"GET\", 5 ]", "Routes[2].UpstreamHttpMethod[1]", "expected a string, found 5")]
    [InlineData("\"UpstreamPathTemplate\": \"/a\"", "\"UpstreamPathTemplate\": \"/a\", \"QoSOptions\": [ ]", "Routes[2].QoSOptions", "expected an object, found an array")]
    [InlineData("\"UpstreamPathTemplate\": \"/a\"", "\"UpstreamPathTemplate\": \"/a\", \"RateLimitOptions\": { \"EnableRateLimiting\": \"yes\" }", "Routes[2].RateLimitOptions.EnableRateLimiting", "expected true or false, found \"yes\"")]
    [InlineData("\"UpstreamPathTemplate\": \"/a\"", "\"UpstreamPathTemplate\": \"/a\", \"UpstreamHeaderTransform\": { \"X-A\": { } }", "Routes[2].UpstreamHeaderTransform.X-A", "expected a string, found an object")]
    public void Parse_WrongType_NamesTheJsonPath(string find, string replacement, string expectedPath, string expectedReason)
    {
        // Act
        var result = ParseWithThirdRoute(find, replacement);

        // Assert
        result.Errors.Should().ContainSingle().Which.Should().Be(new OcelotConfigError(expectedPath, expectedReason));
    }

    [Fact]
    public void Parse_NullWhereAnObjectBelongs_NamedLikeAWrongType()
    {
        // Arrange
        var json = """{ "Routes": [ null, { "UpstreamPathTemplate": "/a", "DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [ null ] } ] }""";

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Errors.Should().Contain(new OcelotConfigError("Routes[0]", "expected an object, found null"))
            .And.Contain(new OcelotConfigError("Routes[1].DownstreamHostAndPorts[0]", "expected an object, found null"));
    }

    [Fact]
    public void Parse_WrongTypeAtTheTop_NamesTheKey()
    {
        // Act
        var result = OcelotConfigLoader.Parse("""{ "routes": { } }""");

        // Assert
        result.Errors.Should().ContainSingle().Which.Should().Be(new OcelotConfigError("Routes", "expected an array, found an object"));
    }

    [Theory]
    [InlineData("\"Port\": \"eighty\"", "Routes[2].DownstreamHostAndPorts[0].Port: expected a number, found \"eighty\"")]
    [InlineData("\"Port\": 1, \"Weight\": 2", "Routes[2].DownstreamHostAndPorts[0].Weight: unknown key (not an Ocelot key this gateway supports; check its spelling)")]
    public void GetOrThrow_WrongTypeOrUnknownKey_OneLineNamingTheJsonPath(string port, string expectedLine)
    {
        // Arrange
        var result = ParseWithThirdRoute("\"Port\": 1", port);

        // Act
        var act = () => result.GetOrThrow();

        // Assert
        act.Should().Throw<StartupException>().WithMessage("Configuration error: " + expectedLine);
    }

    [Fact]
    public void Parse_UnknownKeysInSeveralPlaces_EachReported()
    {
        // Arrange
        var bad = Route.Replace("\"Port\": 1", "\"Port\": 1, \"Weight\": 2", StringComparison.Ordinal)
            .Replace("\"UpstreamPathTemplate\"", "\"UpstreamPathTemplte\": \"/x\", \"UpstreamPathTemplate\"", StringComparison.Ordinal);
        var json = $$"""{ "Routes": [ {{bad}} ], "GlobalConfiguration": { "BaseURL2": "x" }, "Extra": 1 }""";

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Errors.Select(e => e.Path).Should().BeEquivalentTo(
            "Routes[0].UpstreamPathTemplte", "Routes[0].DownstreamHostAndPorts[0].Weight", "GlobalConfiguration.BaseURL2", "Extra");
        result.Errors.Should().OnlyContain(e => e.Reason.StartsWith("unknown key", StringComparison.Ordinal));
    }
}
