using Samples.OcelotGateway.Configuration;

namespace Samples.Tests.Gateway;

/// <summary>The loader reads Ocelot's file strictly: every key known, deprecated names translated with a warning, mistakes named by path.</summary>
[Trait("Concept", "Gateway")]
public sealed class OcelotConfigLoaderTests
{
    private const string OneRoute = """
        {
          "Routes": [
            {
              "UpstreamPathTemplate": "/orders/{id}",
              "DownstreamPathTemplate": "/api/orders/{id}",
              "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 5001 } ]
            }
          ]
        }
        """;

    /// <summary>Parses <see cref="OneRoute"/> with one piece of it replaced.</summary>
    private static OcelotLoadResult ParseChanged(string find, string replacement) =>
        OcelotConfigLoader.Parse(OneRoute.Replace(find, replacement, StringComparison.Ordinal));

    [Fact]
    public void Parse_CompleteFile_ReadsEveryField()
    {
        // Arrange
        const string json = """
            {
              // comments and trailing commas are allowed, as in appsettings.json
              "Routes": [
                {
                  "Key": "orders",
                  "UpstreamPathTemplate": "/orders/{everything}",
                  "UpstreamHttpMethod": [ "Get", "POST" ],
                  "UpstreamHost": "api.local:8085",
                  "DownstreamPathTemplate": "/api/{everything}",
                  "DownstreamScheme": "https",
                  "DownstreamHostAndPorts": [ { "Host": "a.local", "Port": 443 }, { "Host": "b.local", "Port": "8443" } ],
                  "Priority": 3,
                  "LoadBalancerOptions": { "Type": "CookieStickySessions", "Key": "session", "Expiry": 60000 },
                  "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer" ], "AllowedScopes": [ "orders.read" ] },
                  "RouteClaimsRequirement": { "role": "admin" },
                  "AddHeadersToRequest": { "X-User": "Claims[sub] > value", "X-Tenant": "Claims[tenant] > value[1] > |" },
                  "UpstreamHeaderTransform": { "X-Client": "{RemoteIpAddress}", "X-Env": "test, prod" },
                  "DownstreamHeaderTransform": { "Location": "{DownstreamBaseUrl}, {BaseUrl}" },
                  "RateLimitOptions": { "ClientWhitelist": [ "vip" ], "EnableRateLimiting": true, "Period": "1m", "Wait": "30s", "Limit": 5 },
                  "CacheOptions": { "TtlSeconds": 15, "Region": "orders", "Header": "Accept-Language", "EnableContentHashing": true },
                  "QoSOptions": { "Timeout": 2000, "MinimumThroughput": 3, "BreakDuration": 1000, "FailureRatio": 0.5, "SamplingDuration": 10000 },
                },
              ],
              "Aggregates": [ { "UpstreamPathTemplate": "/summary", "RouteKeys": [ "orders" ] } ],
              "GlobalConfiguration": {
                "BaseUrl": "http://gateway.local:8085/",
                "RequestIdKey": "X-Request-Id",
                "RateLimitOptions": { "ClientIdHeader": "X-Client", "StatusCode": 418, "QuotaMessage": "slow down", "KeyPrefix": "gw", "EnableHeaders": false, "RouteKeys": [ "orders" ] }
              }
            }
            """;

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
        var route = result.Configuration!.Routes.Should().ContainSingle().Subject;
        route.UpstreamHttpMethod.Should().Equal("GET", "POST");
        route.UpstreamHost.Should().Equal("api.local:8085");
        route.DownstreamScheme.Should().Be("https");
        route.DownstreamHostAndPorts.Should().Equal(new OcelotHostAndPort("a.local", 443), new OcelotHostAndPort("b.local", 8443));
        route.Priority.Should().Be(3);
        route.LoadBalancerOptions.Should().Be(new OcelotLoadBalancerOptions { Type = OcelotLoadBalancerType.CookieStickySessions, Key = "session", Expiry = TimeSpan.FromMinutes(1) });
        route.AuthenticationOptions.AuthenticationProviderKeys.Should().Equal("Bearer");
        route.AuthenticationOptions.AllowedScopes.Should().Equal("orders.read");
        route.RouteClaimsRequirement.Should().Contain("role", "admin");
        route.AddHeadersToRequest.Should().Equal(new OcelotClaimToHeader("X-User", "sub", null, null), new OcelotClaimToHeader("X-Tenant", "tenant", 1, "|"));
        route.UpstreamHeaderTransform.Should().Equal(new OcelotHeaderTransform("X-Client", null, "{RemoteIpAddress}"), new OcelotHeaderTransform("X-Env", "test", "prod"));
        route.DownstreamHeaderTransform.Should().Equal(new OcelotHeaderTransform("Location", "{DownstreamBaseUrl}", "{BaseUrl}"));
        route.RateLimitOptions!.Period.Should().Be(TimeSpan.FromMinutes(1));
        route.RateLimitOptions.Wait.Should().Be(TimeSpan.FromSeconds(30));
        route.RateLimitOptions.Limit.Should().Be(5);
        route.RateLimitOptions.ClientWhitelist.Should().Equal("vip");
        route.CacheOptions.Should().Be(new OcelotCacheOptions { TtlSeconds = 15, Region = "orders", Header = "Accept-Language", EnableContentHashing = true });
        route.QoSOptions.Should().Be(new OcelotQoSOptions
        {
            Timeout = TimeSpan.FromSeconds(2),
            MinimumThroughput = 3,
            BreakDuration = TimeSpan.FromSeconds(1),
            FailureRatio = 0.5,
            SamplingDuration = TimeSpan.FromSeconds(10),
        });
        result.Configuration.Aggregates.Should().ContainSingle().Which.RouteKeys.Should().Equal("orders");
        var global = result.Configuration.GlobalConfiguration;
        global.BaseUrl.Should().Be("http://gateway.local:8085");
        global.RequestIdKey.Should().Be("X-Request-Id");
        global.RateLimitOptions!.StatusCode.Should().Be(418);
        global.RateLimitOptions.EnableHeaders.Should().BeFalse();
        global.RateLimitOptions.RouteKeys.Should().Equal("orders");
    }

    [Theory]
    [InlineData("\"QoSOptions\": { \"Timeout\": 100, \"Foo\": 1 }", "Routes[0].QoSOptions.Foo")]
    [InlineData("\"UpstreamPathTemplte\": \"/x\"", "Routes[0].UpstreamPathTemplte")]
    [InlineData("\"GlobalConfiguration\": { \"RequestIdKey\": \"X-Id\", \"BaseURL2\": \"x\" }", "GlobalConfiguration.BaseURL2")]
    public void Parse_UnknownKey_ReportsItsJsonPath(string extra, string expectedPath)
    {
        // Arrange
        var json = OneRoute.Replace("\"UpstreamPathTemplate\"", extra + ", \"UpstreamPathTemplate\"", StringComparison.Ordinal);
        if (extra.StartsWith("\"GlobalConfiguration", StringComparison.Ordinal))
        {
            json = OneRoute.TrimEnd().TrimEnd('}') + ", " + extra + " }";
        }

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Path == expectedPath && e.Reason.Contains("unknown key"));
    }

    [Fact]
    public void Parse_UnknownKeyInThirdRoute_PathNamesTheIndex()
    {
        // Arrange
        const string route = """{ "UpstreamPathTemplate": "/a", "DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [ { "Host": "h", "Port": 1 } ] }""";
        const string bad = """{ "UpstreamPathTemplate": "/c", "DownstreamPathTemplate": "/c", "DownstreamHostAndPorts": [ { "Host": "h", "Port": 1 } ], "QoSOptions": { "Foo": true } }""";
        var json = $$"""{ "Routes": [ {{route}}, {{route}}, {{bad}} ] }""";

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Errors.Select(e => e.Path).Should().Equal("Routes[2].QoSOptions.Foo");
    }

    [Fact]
    public void Parse_UnknownKeyInHostAndPort_PathNamesTheEntry()
    {
        // Act
        var result = ParseChanged("\"Port\": 5001", "\"Port\": 5001, \"Weight\": 2");

        // Assert
        result.Errors.Select(e => e.Path).Should().Equal("Routes[0].DownstreamHostAndPorts[0].Weight");
    }

    [Fact]
    public void Parse_KeyGivenTwice_RejectedWithItsPath()
    {
        // Act
        var result = ParseChanged("\"Port\": 5001", "\"Port\": 5001, \"port\": 5002");

        // Assert
        result.Errors.Should().ContainSingle().Which.Path.Should().Be("Routes[0].DownstreamHostAndPorts[0].Port");
    }

    [Fact]
    public void Parse_KnownButUnsupportedOcelotKey_SaysWhy()
    {
        // Act
        var result = ParseChanged("\"UpstreamPathTemplate\"", "\"ServiceName\": \"orders\", \"UpstreamPathTemplate\"");

        // Assert
        result.Errors.Should().ContainSingle().Which.Should().Match<OcelotConfigError>(e =>
            e.Path == "Routes[0].ServiceName" && e.Reason.Contains("service discovery"));
    }

    [Fact]
    public void Parse_UnsupportedKeysWithEmptyOrDefaultValues_AcceptedWithAWarningEach()
    {
        // Arrange: the shape of Ocelot's documented "every key" route, with the keys it does not need left empty.
        var json = OneRoute.Replace("\"UpstreamPathTemplate\"", """
            "ServiceName": "",
            "DelegatingHandlers": [],
            "AddClaimsToRequest": {},
            "AddQueriesToRequest": {},
            "RouteIsCaseSensitive": false,
            "DangerousAcceptAnyServerCertificateValidator": false,
            "SecurityOptions": { "IPAllowedList": [], "IPBlockedList": [] },
            "HttpHandlerOptions": { "AllowAutoRedirect": false, "UseCookieContainer": false, "UseTracing": true, "UseProxy": true },
            "UpstreamPathTemplate"
            """, StringComparison.Ordinal);

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().HaveCount(9).And.OnlyContain(w => w.StartsWith("Routes[0].", StringComparison.Ordinal) && w.Contains("ignored"));
    }

    [Fact]
    public void Parse_RouteWithEveryKeyAtOcelotsNotSetValues_LoadsAsAPlainRoute()
    {
        // Arrange: Ocelot's documentation shows a route with every key, most at "not set" values ("", 0, false, []).
        const string json = """
            { "Routes": [ {
                "UpstreamPathTemplate": "/posts/{postId}", "UpstreamHttpMethod": [ "Put", "Delete" ], "UpstreamHost": "",
                "DownstreamPathTemplate": "/api/posts/{postId}", "DownstreamScheme": "http", "DownstreamHttpMethod": "", "DownstreamHttpVersion": "",
                "DownstreamHostAndPorts": [ { "Host": "localhost", "Port": 8080 } ],
                "AddHeadersToRequest": {}, "AddClaimsToRequest": {}, "RouteClaimsRequirement": {}, "AddQueriesToRequest": {},
                "RequestIdKey": "", "Key": "", "ServiceName": "", "RouteIsCaseSensitive": false, "DangerousAcceptAnyServerCertificateValidator": false,
                "FileCacheOptions": { "TtlSeconds": 0, "Region": "" },
                "QoSOptions": { "ExceptionsAllowedBeforeBreaking": 0, "DurationOfBreak": 0, "TimeoutValue": 0 },
                "LoadBalancerOptions": { "Type": "", "Key": "", "Expiry": 0 },
                "RateLimitOptions": { "ClientWhitelist": [], "EnableRateLimiting": false, "Period": "", "PeriodTimespan": 0, "Limit": 0 },
                "AuthenticationOptions": { "AuthenticationProviderKey": "", "AllowedScopes": [] },
                "SecurityOptions": { "IPAllowedList": [], "IPBlockedList": [] }
              } ],
              "GlobalConfiguration": { "BaseUrl": "https://api.example.test", "RequestIdKey": "" } }
            """;

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Errors.Should().BeEmpty();
        var route = result.Configuration!.Routes.Should().ContainSingle().Subject;
        route.UpstreamHttpMethod.Should().Equal("PUT", "DELETE");
        route.UpstreamHost.Should().BeEmpty();
        route.Key.Should().BeNull();
        route.RequestIdKey.Should().BeNull();
        route.IsAuthenticated.Should().BeFalse();
        route.LoadBalancerOptions.Type.Should().Be(OcelotLoadBalancerType.NoLoadBalancer);
        route.QoSOptions.Should().Be(new OcelotQoSOptions());
        route.RateLimitOptions!.Limit.Should().BeNull();
        route.RateLimitOptions.Period.Should().BeNull();
        route.CacheOptions!.TtlSeconds.Should().Be(0);
        result.Warnings.Should().Contain(w => w.StartsWith("Routes[0].FileCacheOptions is deprecated", StringComparison.Ordinal))
            .And.Contain(w => w.StartsWith("Routes[0].DangerousAcceptAnyServerCertificateValidator is ignored", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"DownstreamScheme\": \"https\", \"DangerousAcceptAnyServerCertificateValidator\": true", "Routes[0].DangerousAcceptAnyServerCertificateValidator")]
    [InlineData("\"RouteIsCaseSensitive\": true", "Routes[0].RouteIsCaseSensitive")]
    [InlineData("\"HttpHandlerOptions\": { \"AllowAutoRedirect\": true }", "Routes[0].HttpHandlerOptions.AllowAutoRedirect")]
    [InlineData("\"DelegatingHandlers\": [ \"MyHandler\" ]", "Routes[0].DelegatingHandlers")]
    public void Parse_UnsupportedKeyAskingForSomething_Rejected(string extra, string expectedPath)
    {
        // Act
        var result = ParseChanged("\"UpstreamPathTemplate\"", extra + ", \"UpstreamPathTemplate\"");

        // Assert
        result.Errors.Should().ContainSingle().Which.Path.Should().Be(expectedPath);
    }

    [Theory]
    [InlineData("\"FileCacheOptions\": { \"TtlSeconds\": 5 }", "Routes[0].FileCacheOptions", "Routes[0].CacheOptions")]
    [InlineData("\"RateLimitOptions\": { \"PeriodTimespan\": 7 }", "Routes[0].RateLimitOptions.PeriodTimespan", "Routes[0].RateLimitOptions.Wait")]
    [InlineData("\"RateLimitOptions\": { \"HttpStatusCode\": 418 }", "Routes[0].RateLimitOptions.HttpStatusCode", "Routes[0].RateLimitOptions.StatusCode")]
    [InlineData("\"RateLimitOptions\": { \"QuotaExceededMessage\": \"no\" }", "Routes[0].RateLimitOptions.QuotaExceededMessage", "Routes[0].RateLimitOptions.QuotaMessage")]
    [InlineData("\"RateLimitOptions\": { \"DisableRateLimitHeaders\": true }", "Routes[0].RateLimitOptions.DisableRateLimitHeaders", "Routes[0].RateLimitOptions.EnableHeaders")]
    [InlineData("\"RateLimitOptions\": { \"RateLimitCounterPrefix\": \"p\" }", "Routes[0].RateLimitOptions.RateLimitCounterPrefix", "Routes[0].RateLimitOptions.KeyPrefix")]
    [InlineData("\"AuthenticationOptions\": { \"AuthenticationProviderKey\": \"Bearer\" }", "Routes[0].AuthenticationOptions.AuthenticationProviderKey", "Routes[0].AuthenticationOptions.AuthenticationProviderKeys")]
    [InlineData("\"QoSOptions\": { \"ExceptionsAllowedBeforeBreaking\": 3 }", "Routes[0].QoSOptions.ExceptionsAllowedBeforeBreaking", "Routes[0].QoSOptions.MinimumThroughput")]
    [InlineData("\"QoSOptions\": { \"DurationOfBreak\": 1000 }", "Routes[0].QoSOptions.DurationOfBreak", "Routes[0].QoSOptions.BreakDuration")]
    [InlineData("\"QoSOptions\": { \"TimeoutValue\": 1000 }", "Routes[0].QoSOptions.TimeoutValue", "Routes[0].QoSOptions.Timeout")]
    public void Parse_DeprecatedKey_AcceptedWithWarningNamingTheNewKey(string extra, string oldPath, string newPath)
    {
        // Act
        var result = ParseChanged("\"UpstreamPathTemplate\"", extra + ", \"UpstreamPathTemplate\"");

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().ContainSingle().Which.Should().StartWith($"{oldPath} is deprecated: use {newPath}");
    }

    [Fact]
    public void Parse_DeprecatedValues_TranslatedToTheNewMeaning()
    {
        // Arrange
        var json = OneRoute.Replace("\"UpstreamPathTemplate\"", """
            "AuthenticationOptions": { "AuthenticationProviderKey": "Bearer" },
            "RateLimitOptions": { "PeriodTimespan": 7, "DisableRateLimitHeaders": true, "HttpStatusCode": 418, "QuotaExceededMessage": "no", "RateLimitCounterPrefix": "p" },
            "QoSOptions": { "ExceptionsAllowedBeforeBreaking": 3, "DurationOfBreak": 1500, "TimeoutValue": 250 },
            "UpstreamPathTemplate"
            """, StringComparison.Ordinal);

        // Act
        var route = OcelotConfigLoader.Parse(json).GetOrThrow().Routes[0];

        // Assert
        route.AuthenticationOptions.AuthenticationProviderKeys.Should().Equal("Bearer");
        route.RateLimitOptions.Should().BeEquivalentTo(new { Wait = TimeSpan.FromSeconds(7), EnableHeaders = false, StatusCode = 418, QuotaMessage = "no", KeyPrefix = "p" });
        route.QoSOptions.Should().BeEquivalentTo(new { MinimumThroughput = 3, BreakDuration = TimeSpan.FromMilliseconds(1500), Timeout = TimeSpan.FromMilliseconds(250) });
    }

    [Fact]
    public void Parse_DeprecatedAndCurrentNameTogether_Rejected()
    {
        // Act
        var result = ParseChanged("\"UpstreamPathTemplate\"", "\"QoSOptions\": { \"Timeout\": 1, \"TimeoutValue\": 2 }, \"UpstreamPathTemplate\"");

        // Assert
        result.Errors.Should().ContainSingle().Which.Path.Should().Be("Routes[0].QoSOptions.TimeoutValue");
    }

    [Theory]
    [InlineData("\"DownstreamScheme\": \"ftp\"", "Routes[0].DownstreamScheme", "not http, https")]
    [InlineData("\"LoadBalancerOptions\": { \"Type\": \"Random\" }", "Routes[0].LoadBalancerOptions.Type", "not one of")]
    [InlineData("\"LoadBalancerOptions\": { \"Type\": \"CookieStickySessions\", \"Key\": \"s\" }", "Routes[0].LoadBalancerOptions.Expiry", "milliseconds")]
    [InlineData("\"RateLimitOptions\": { \"Period\": \"10 seconds\" }", "Routes[0].RateLimitOptions.Period", "duration")]
    [InlineData("\"QoSOptions\": { \"MinimumThroughput\": 1 }", "Routes[0].QoSOptions.MinimumThroughput", "at least 2")]
    [InlineData("\"QoSOptions\": { \"FailureRatio\": 1.5 }", "Routes[0].QoSOptions.FailureRatio", "at most 1")]
    [InlineData("\"QoSOptions\": { \"BreakDuration\": 100 }", "Routes[0].QoSOptions.BreakDuration", "at least 500 ms")]
    [InlineData("\"RateLimitOptions\": { \"StatusCode\": 42 }", "Routes[0].RateLimitOptions.StatusCode", "from 100 to 999")]
    [InlineData("\"UpstreamHttpMethod\": [ \"FETCH\" ]", "Routes[0].UpstreamHttpMethod", "not an HTTP method")]
    [InlineData("\"Priority\": \"high\"", "Routes[0].Priority", "expected a number")]
    [InlineData("\"AuthenticationOptions\": { \"AuthenticationProviderKeys\": [ \"IdentityServer\" ] }", "Routes[0].AuthenticationOptions.AuthenticationProviderKeys", "no authentication scheme")]
    [InlineData("\"RouteClaimsRequirement\": { \"role\": \"admin\" }", "Routes[0].RouteClaimsRequirement", "AuthenticationProviderKeys")]
    [InlineData("\"UpstreamHeaderTransform\": { \"X-A\": \"{ClientIp}\" }", "Routes[0].UpstreamHeaderTransform.X-A", "unknown placeholder")]
    public void Parse_InvalidValue_ReportsPathAndReason(string extra, string expectedPath, string reasonPart)
    {
        // Act
        var result = ParseChanged("\"UpstreamPathTemplate\"", extra + ", \"UpstreamPathTemplate\"");

        // Assert
        result.Errors.Should().Contain(e => e.Path == expectedPath && e.Reason.Contains(reasonPart),
            "errors were: {0}", string.Join("; ", result.Errors));
    }

    [Fact]
    public void Parse_DownstreamPlaceholderNotUpstream_Rejected()
    {
        // Act
        var result = ParseChanged("/api/orders/{id}", "/api/orders/{orderId}");

        // Assert
        result.Errors.Should().ContainSingle().Which.Should().Be(new OcelotConfigError(
            "Routes[0].DownstreamPathTemplate", "placeholder {orderId} is not in UpstreamPathTemplate \"/orders/{id}\""));
    }

    [Fact]
    public void Parse_AggregateNamingMissingRouteKey_Rejected()
    {
        // Arrange
        var json = OneRoute.TrimEnd().TrimEnd('}') + """, "Aggregates": [ { "UpstreamPathTemplate": "/both", "RouteKeys": [ "nobody" ] } ] }""";

        // Act
        var result = OcelotConfigLoader.Parse(json);

        // Assert
        result.Errors.Should().ContainSingle().Which.Path.Should().Be("Aggregates[0].RouteKeys[0]");
    }

    [Fact]
    public void Parse_NotJson_ReportsLine()
    {
        // Act
        var result = OcelotConfigLoader.Parse("{ \"Routes\": [ }");

        // Assert
        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Reason.Should().Contain("not valid JSON (line 1");
    }

    [Fact]
    public void GetOrThrow_InvalidFile_ThrowsStartupExceptionWithPathAndReason()
    {
        // Arrange
        var result = OcelotConfigLoader.Parse(OneRoute.Replace("5001", "0", StringComparison.Ordinal));

        // Act
        var act = () => result.GetOrThrow();

        // Assert
        act.Should().Throw<StartupException>()
            .WithMessage("Configuration error: Routes[0].DownstreamHostAndPorts[0].Port: expected a whole number from 1 to 65535, found 0*");
    }

    [Fact]
    public void Load_EnvironmentFile_MergedOverTheMainFileKeyByKey()
    {
        // Arrange
        using var folder = new OcelotFileFolder();
        var main = folder.Write("ocelot.json", OneRoute.TrimEnd().TrimEnd('}') + """, "GlobalConfiguration": { "RequestIdKey": "X-Main-Id", "BaseUrl": "http://main.local" } }""");
        folder.Write("ocelot.Staging.json", """
            {
              "Routes": [ { "DownstreamHostAndPorts": [ { "Host": "staging.local", "Port": 6001 } ] } ],
              "GlobalConfiguration": { "RequestIdKey": "X-Staging-Id" }
            }
            """);

        // Act
        var staging = OcelotConfigLoader.Load(main, "Staging");
        var production = OcelotConfigLoader.Load(main, "Production");

        // Assert
        staging.Files.Should().HaveCount(2);
        var route = staging.GetOrThrow().Routes.Should().ContainSingle().Subject;
        route.UpstreamPathTemplate.Should().Be("/orders/{id}");
        route.DownstreamHostAndPorts.Should().Equal(new OcelotHostAndPort("staging.local", 6001));
        staging.Configuration!.GlobalConfiguration.RequestIdKey.Should().Be("X-Staging-Id");
        staging.Configuration.GlobalConfiguration.BaseUrl.Should().Be("http://main.local");
        production.GetOrThrow().Routes[0].DownstreamHostAndPorts.Should().Equal(new OcelotHostAndPort("127.0.0.1", 5001));
    }

    [Fact]
    public void Load_MissingFile_ErrorNamesTheFile()
    {
        // Act
        var result = OcelotConfigLoader.Load("/nonexistent/ocelot.json", null);

        // Assert
        result.Errors.Should().ContainSingle().Which.Reason.Should().Contain("/nonexistent/ocelot.json");
    }
}
