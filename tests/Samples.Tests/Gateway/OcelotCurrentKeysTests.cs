using Samples.OcelotGateway.Configuration;

namespace Samples.Tests.Gateway;

/// <summary>
/// Keys of current Ocelot releases: read where the gateway can honour them,
/// accepted with a warning naming their JSON path where they cannot matter,
/// refused (saying what to do instead) where honouring them would be unsafe;
/// and a key in no release is named with the nearest real one.
/// </summary>
[Trait("Concept", "Gateway")]
public sealed class OcelotCurrentKeysTests
{
    private static string Route(string extra) => $$"""
        { "Routes": [ { "UpstreamPathTemplate": "/a", "DownstreamPathTemplate": "/a",
                        "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 5001 } ], {{extra}} } ] }
        """;

    [Theory]
    [InlineData("\"UpstreamPathTempate\": \"/b\"", "Routes[0].UpstreamPathTempate", "UpstreamPathTemplate")]
    [InlineData("\"DownstreamSheme\": \"http\"", "Routes[0].DownstreamSheme", "DownstreamScheme")]
    [InlineData("\"RateLimitOptions\": { \"RateLimitPolicyNam\": \"fixed\" }", "Routes[0].RateLimitOptions.RateLimitPolicyNam", "RateLimitPolicyName")]
    [InlineData("\"WebSocket\": { \"BufferSise\": 1 }", "Routes[0].WebSocket.BufferSise", "BufferSize")]
    [InlineData("\"ServiceNme\": \"orders\"", "Routes[0].ServiceNme", "ServiceName")]
    public void Parse_MisspeltKey_ErrorNamesPathAndNearestRealKey(string extra, string path, string nearest)
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route(extra));

        // Assert
        result.Errors.Should().ContainSingle().Which.Should().Be(new OcelotConfigError(path, $"unknown key; did you mean {nearest}?"));
    }

    [Fact]
    public void Parse_KeyFarFromEveryRealKey_UnknownWithoutAGuess()
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route("\"Colour\": \"blue\""));

        // Assert
        result.Errors.Should().ContainSingle().Which.Reason.Should().Be("unknown key (not an Ocelot key this gateway supports; check its spelling)");
    }

    [Fact]
    public void Parse_DotNetRateLimit_ReadsThePolicyNameAsDefined()
    {
        // Act
        var result = OcelotConfigLoader.Parse(
            Route("\"RateLimitOptions\": { \"EnableRateLimiting\": true, \"RateLimitMiddlewareType\": \"dotnet\", \"RateLimitPolicyName\": \"FIXED\" }"),
            rateLimiterPolicies: ["fixed", "token"]);

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
        result.Configuration!.Routes[0].RateLimitOptions!.PolicyName.Should().Be("fixed");
    }

    [Theory]
    [InlineData("\"RateLimitPolicyName\": \"burst\"", "no rate-limiter policy \"burst\" in Gateway:RateLimiterPolicies (defined: fixed, token)")]
    [InlineData("\"RateLimitPolicyName\": \"\"", "\"RateLimitMiddlewareType\": \"DotNet\" needs the name of a rate-limiter policy from Gateway:RateLimiterPolicies (defined: fixed, token)")]
    public void Parse_DotNetRateLimitWithoutADefinedPolicy_ErrorNamesThePolicy(string name, string reason)
    {
        // Act
        var result = OcelotConfigLoader.Parse(
            Route($$"""
                "RateLimitOptions": { "RateLimitMiddlewareType": "DotNet", {{name}} }
                """),
            rateLimiterPolicies: ["fixed", "token"]);

        // Assert
        result.Errors.Should().ContainSingle().Which.Should().Be(new OcelotConfigError("Routes[0].RateLimitOptions.RateLimitPolicyName", reason));
    }

    [Fact]
    public void Parse_UnknownMiddlewareType_Refused()
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route("\"RateLimitOptions\": { \"RateLimitMiddlewareType\": \"Redis\" }"), rateLimiterPolicies: ["fixed"]);

        // Assert
        result.Errors.Should().ContainSingle().Which.Should().Be(new OcelotConfigError("Routes[0].RateLimitOptions.RateLimitMiddlewareType", "\"Redis\" is not Ocelot or DotNet"));
    }

    [Fact]
    public void Parse_DotNetRateLimitWithOcelotsLimitsToo_LimitsIgnoredWithAWarningEach()
    {
        // Act
        var result = OcelotConfigLoader.Parse(
            Route("\"RateLimitOptions\": { \"RateLimitMiddlewareType\": \"DotNet\", \"RateLimitPolicyName\": \"fixed\", \"Limit\": 3, \"Period\": \"1s\" }"),
            rateLimiterPolicies: ["fixed"]);

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().Equal(
            "Routes[0].RateLimitOptions.Limit is ignored: the rate-limiter policy \"fixed\" sets the limits of this route",
            "Routes[0].RateLimitOptions.Period is ignored: the rate-limiter policy \"fixed\" sets the limits of this route");
    }

    [Fact]
    public void Parse_DotNetRateLimitWithPerClientKeys_EachIgnoredWithAWarning()
    {
        // Act
        var result = OcelotConfigLoader.Parse(
            Route("\"RateLimitOptions\": { \"RateLimitMiddlewareType\": \"DotNet\", \"RateLimitPolicyName\": \"fixed\", \"ClientIdHeader\": \"X-Client\", \"ClientWhitelist\": [ \"ops\" ] }"),
            rateLimiterPolicies: ["fixed"]);

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().Equal(
            "Routes[0].RateLimitOptions.ClientIdHeader is ignored: the rate-limiter policy \"fixed\" is one limiter for every client",
            "Routes[0].RateLimitOptions.ClientWhitelist is ignored: the rate-limiter policy \"fixed\" is one limiter for every client");
    }

    [Fact]
    public void Parse_PolicyNameWithoutDotNet_IgnoredWithAWarning()
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route("\"RateLimitOptions\": { \"RateLimitPolicyName\": \"fixed\", \"Limit\": 1, \"Period\": \"1s\" }"));

        // Assert
        result.Errors.Should().BeEmpty();
        result.Configuration!.Routes[0].RateLimitOptions!.PolicyName.Should().BeNull();
        result.Warnings.Should().ContainSingle().Which.Should().StartWith("Routes[0].RateLimitOptions.RateLimitPolicyName is ignored");
    }

    [Theory]
    [InlineData("http")]
    [InlineData("ws")]
    public void Parse_AcceptAnyCertificateOnAPlainRoute_AcceptedWithAWarningThatItChangesNothing(string scheme)
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route($$"""
            "DownstreamScheme": "{{scheme}}", "DangerousAcceptAnyServerCertificateValidator": true
            """));

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().Equal($"Routes[0].DangerousAcceptAnyServerCertificateValidator is ignored: the route reaches its downstream over plain {scheme}, where there is no certificate to check");
    }

    [Theory]
    [InlineData("https")]
    [InlineData("wss")]
    public void Parse_AcceptAnyCertificateOnATlsRoute_RefusedSayingHowToTrustTheCa(string scheme)
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route($$"""
            "DownstreamScheme": "{{scheme}}", "DangerousAcceptAnyServerCertificateValidator": true
            """));

        // Assert
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Path.Should().Be("Routes[0].DangerousAcceptAnyServerCertificateValidator");
        error.Reason.Should().StartWith("accepting any certificate is never offered; trust the downstream's CA instead").And.Contain("update-ca-certificates");
    }

    [Fact]
    public void Parse_WebSocketBufferSize_AcceptedWithAWarningNamingItsPath()
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route("\"DownstreamScheme\": \"ws\", \"WebSocket\": { \"BufferSize\": 65536 }"));

        // Assert
        result.Errors.Should().BeEmpty();
        result.Configuration!.Routes[0].DownstreamScheme.Should().Be("ws");
        result.Warnings.Should().ContainSingle().Which.Should().StartWith("Routes[0].WebSocket.BufferSize is ignored: YARP relays an upgraded connection");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Parse_WebSocketBufferSizeNotPositive_Refused(int size)
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route($$"""
            "WebSocket": { "BufferSize": {{size}} }
            """));

        // Assert
        result.Errors.Should().ContainSingle().Which.Should().Be(new OcelotConfigError("Routes[0].WebSocket.BufferSize", $"must be more than 0 bytes, found {size}"));
    }

    [Theory]
    [InlineData("RequiredRole", "[ \"admin\" ]", "RouteClaimsRequirement")]
    [InlineData("PolicyName", "\"Admins\"", "RouteClaimsRequirement")]
    public void Parse_AuthenticationKeyOfSomeOcelotSources_RefusedSayingWhatToWriteInstead(string key, string value, string instead)
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route($$"""
            "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer" ], "{{key}}": {{value}} }
            """));

        // Assert
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Path.Should().Be($"Routes[0].AuthenticationOptions.{key}");
        error.Reason.Should().Contain(instead);
    }

    [Theory]
    [InlineData("\"Metadata\": { \"team\": \"orders\" }", "Routes[0].Metadata is ignored")]
    [InlineData("\"HttpHandlerOptions\": { \"UseDefaultCredentials\": true }", "Routes[0].HttpHandlerOptions.UseDefaultCredentials is ignored")]
    [InlineData("\"LoadBalancerOptions\": { \"Type\": \"RoundRobin\", \"Key\": \"cart\" }", "Routes[0].LoadBalancerOptions.Key is ignored: it is read only with \"Type\": \"CookieStickySessions\"")]
    [InlineData("\"CacheOptions\": { \"TtlSeconds\": 0, \"Region\": \"orders\" }", "Routes[0].CacheOptions is ignored: TtlSeconds is 0")]
    [InlineData("\"RateLimitOptions\": { \"EnableRateLimiting\": true, \"Limit\": 5 }", "Routes[0].RateLimitOptions.EnableRateLimiting is ignored: without Period")]
    public void Parse_KeyThatDoesNothingWhereItStands_AcceptedWithAWarningNamingItsPath(string extra, string warning)
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route(extra));

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().ContainSingle().Which.Should().StartWith(warning);
    }

    [Fact]
    public void Parse_RateLimitWithLimitsFromGlobalConfiguration_NoWarning()
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route("\"Key\": \"a\", \"RateLimitOptions\": { \"EnableRateLimiting\": true }")
            .TrimEnd().TrimEnd('}') + ", \"GlobalConfiguration\": { \"RateLimitOptions\": { \"RouteKeys\": [ \"a\" ], \"Limit\": 2, \"Period\": \"1s\" } } }");

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Parse_AllowedScopesWithoutAProvider_RefusedBecauseNothingWouldCheckThem()
    {
        // Act
        var result = OcelotConfigLoader.Parse(Route("\"AuthenticationOptions\": { \"AllowedScopes\": [ \"orders.read\" ] }"));

        // Assert
        result.Errors.Should().ContainSingle().Which.Path.Should().Be("Routes[0].AuthenticationOptions.AllowedScopes");
    }
}
