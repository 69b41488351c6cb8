using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>The cache inside the real sample, with clients that use it as their proxy (HttpClient with WebProxy, curl -x).</summary>
[Trait("Concept", "Caching")]
public sealed class CacheEndToEndTests
{
    [Fact]
    public async Task Proxy_CacheableResponse_MissThenHitWithAgeAndAccessLogShowsIt()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub("/hello", body: "hello", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        await using var host = SampleHost<ForwardProxyApp>.Start(services: s => s.AddSingleton<TimeProvider>(time));
        using var client = ClientThrough(host);
        var target = new Uri(origin.Url, "/hello");

        // Act
        using var first = await client.FetchAsync(target);
        time.Advance(TimeSpan.FromSeconds(7));
        using var second = await client.FetchAsync(target);

        // Assert
        first.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        second.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        second.Headers.Age.Should().Be(TimeSpan.FromSeconds(7));
        (await second.BodyAsync()).Should().Be("hello");
        origin.ReceivedCountFor("/hello").Should().Be(1, "the hit was answered by the proxy alone");
        var log = host.Services.GetRequiredService<AccessLog>().Recent;
        log.Should().Contain(e => e.Target == target.AbsoluteUri && e.CacheStatus!.StartsWith("ForwardProxy; hit;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Proxy_PrivateResponse_NeverServedFromTheCache()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub("/inbox", body: "your mail", headers: new Dictionary<string, string> { ["Cache-Control"] = "private, max-age=60" });
        await using var host = SampleHost<ForwardProxyApp>.Start();
        using var client = ClientThrough(host);
        var target = new Uri(origin.Url, "/inbox");

        // Act
        using var first = await client.FetchAsync(target);
        using var second = await client.FetchAsync(target);

        // Assert
        second.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss");
        origin.ReceivedCountFor("/inbox").Should().Be(2);
    }

    [Fact]
    public async Task Proxy_StaleEntryWithETag_RevalidatedWith304()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub(server =>
        {
            server.Given(Request.Create().WithPath("/style.css").UsingGet().WithHeader("If-None-Match", "\"s1\""))
                .AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "\"s1\"").WithHeader("Cache-Control", "max-age=10"));
            server.Given(Request.Create().WithPath("/style.css").UsingGet())
                .AtPriority(10)
                .RespondWith(Response.Create().WithBody("body { }").WithHeader("ETag", "\"s1\"").WithHeader("Cache-Control", "max-age=10"));
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        await using var host = SampleHost<ForwardProxyApp>.Start(services: s => s.AddSingleton<TimeProvider>(time));
        using var client = ClientThrough(host);
        var target = new Uri(origin.Url, "/style.css");
        using var first = await client.FetchAsync(target);
        time.Advance(TimeSpan.FromSeconds(11));

        // Act
        using var revalidated = await client.FetchAsync(target);

        // Assert
        origin.LastHeader("If-None-Match").Should().Be("\"s1\"");
        revalidated.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=304");
        (await revalidated.BodyAsync()).Should().Be("body { }");
    }

    [Fact]
    public async Task Proxy_PostToTheUri_InvalidatesTheStoredResponse()
    {
        // Arrange
        using var origin = WireMockBackend.Start()
            .Stub("/basket", body: "basket", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" })
            .Stub("/basket", status: 200, method: "POST");
        await using var host = SampleHost<ForwardProxyApp>.Start();
        using var client = ClientThrough(host);
        var target = new Uri(origin.Url, "/basket");
        using var primed = await client.FetchAsync(target);

        // Act
        using var post = await client.FetchAsync(HttpMethod.Post, target);
        using var after = await client.FetchAsync(target);

        // Assert
        post.CacheStatus().Should().Be("ForwardProxy; fwd=method");
        after.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
    }

    [Fact]
    public async Task Proxy_CacheDisabledInConfiguration_SaysBypass()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub("/hello", body: "hello", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });
        await using var host = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Cache:Enabled"] = "false" });
        using var client = ClientThrough(host);
        var target = new Uri(origin.Url, "/hello");

        // Act
        using var first = await client.FetchAsync(target);
        using var second = await client.FetchAsync(target);

        // Assert
        second.CacheStatus().Should().Be("ForwardProxy; fwd=bypass");
        origin.ReceivedCountFor("/hello").Should().Be(2);
    }

    [Fact]
    public async Task Curl_ThroughTheProxy_MissThenHit()
    {
        // Arrange
        var curl = Curl.Require();
        using var origin = WireMockBackend.Start().Stub("/page", body: "a page", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });
        await using var host = SampleHost<ForwardProxyApp>.Start();
        string[] arguments = ["-x", host.BaseAddress.ToString().TrimEnd('/'), "--noproxy", "", "-D", "-", new Uri(origin.Url, "/page").ToString()];

        // Act
        var first = await curl.RunAsync(arguments);
        var second = await curl.RunAsync(arguments);

        // Assert
        first.ExitCode.Should().Be(0, first.StdErr);
        first.StdOut.Should().Contain("Cache-Status: ForwardProxy; fwd=uri-miss; stored").And.EndWith("a page");
        second.ExitCode.Should().Be(0, second.StdErr);
        second.StdOut.Should().Contain("Cache-Status: ForwardProxy; hit").And.Contain("Age: ").And.EndWith("a page");
        origin.ReceivedCountFor("/page").Should().Be(1);
    }

    [Fact]
    public async Task Sample_BadCacheBound_ExitsWithOneLineNamingTheKey()
    {
        // Act: the sample as a process, since a bad setting ends it before any host exists.
        var run = await SampleProcess.RunAsync(typeof(ForwardProxyApp), "01-forward-proxy", ["--urls", "http://127.0.0.1:0", "--ForwardProxy:Cache:MaxBytes=0"], Ct);

        // Assert
        run.RefusedLine().Should().StartWith("Configuration error: ForwardProxy:Cache:MaxBytes:");
    }

    private static HttpClient ClientThrough(SampleHost<ForwardProxyApp> host) =>
        host.CreateClient(new SocketsHttpHandler
        {
            Proxy = new WebProxy(host.BaseAddress) { BypassProxyOnLocal = false },
            UseProxy = true,
            AllowAutoRedirect = false,
            UseCookies = false,
        });
}
