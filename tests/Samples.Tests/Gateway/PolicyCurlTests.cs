namespace Samples.Tests.Gateway;

/// <summary>The policies seen from outside, by curl: what a learner sees on the command line.</summary>
[Trait("Concept", "Gateway")]
public sealed class PolicyCurlTests
{
    [Fact]
    public async Task Curl_BurstOverTheLimit_Sees429RetryAfterAndCacheStatus()
    {
        // Arrange
        var curl = Curl.Require();
        using var backend = WireMockBackend.Start().Stub("/news", body: "headlines");

        // A fake clock that stands still, so the Retry-After seconds do not depend on how fast curl runs.
        await using var gateway = GatewayUnderTest.StartWithFakeTime(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/news", "UpstreamHttpMethod": [ "Get" ], "DownstreamPathTemplate": "/news", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "RateLimitOptions": { "Limit": 2, "Period": "1m" },
              "CacheOptions": { "TtlSeconds": 60 } }
            """));
        var url = new Uri(gateway.BaseAddress, "/news").ToString();

        // Act
        var first = await curl.RunAsync("-i", url);
        var second = await curl.RunAsync("-i", url);
        var third = await curl.RunAsync("-i", url);

        // Assert
        first.ExitCode.Should().Be(0, first.StdErr);
        first.StdOut.Should().StartWith("HTTP/1.1 200").And.Contain("Cache-Status: OcelotGateway; fwd=uri-miss; stored");
        second.StdOut.Should().StartWith("HTTP/1.1 200").And.Contain("Cache-Status: OcelotGateway; hit").And.EndWith("headlines");
        third.StdOut.Should().StartWith("HTTP/1.1 429").And.Contain("Retry-After: 60").And.Contain("API calls quota exceeded! maximum admitted 2 per 1m.");
        backend.ReceivedCountFor("/news").Should().Be(1, "the second answer came from the cache, the third was refused");
    }
}
