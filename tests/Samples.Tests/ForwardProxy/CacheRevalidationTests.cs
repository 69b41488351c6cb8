namespace Samples.Tests.ForwardProxy;

/// <summary>A stale entry with a validator is revalidated (If-None-Match, If-Modified-Since); a 304 refreshes it.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheRevalidationTests
{
    [Fact]
    public async Task Get_StaleWithETag_OriginAnswers304_StoredBodyServedWithUpdatedHeaders()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub(server =>
        {
            server.Given(Request.Create().WithPath("/logo").UsingGet().WithHeader("If-None-Match", "\"v1\""))
                .AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(304)
                    .WithHeader("ETag", "\"v1\"")
                    .WithHeader("Cache-Control", "max-age=10")
                    .WithHeader("X-Checked", "again"));
            server.Given(Request.Create().WithPath("/logo").UsingGet())
                .AtPriority(10)
                .RespondWith(Response.Create().WithBody("logo v1")
                    .WithHeader("ETag", "\"v1\"")
                    .WithHeader("Cache-Control", "max-age=10")
                    .WithHeader("X-Checked", "once"));
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/logo");
        var first = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(11));

        // Act
        var revalidated = await proxy.FetchAsync(target);
        var conditional = origin.LastHeader("If-None-Match");
        var afterRefresh = await proxy.FetchAsync(target);

        // Assert
        conditional.Should().Be("\"v1\"", "the proxy asked the origin whether its copy changed");
        ((int)revalidated.StatusCode).Should().Be(200);
        revalidated.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=304");
        (await revalidated.BodyAsync()).Should().Be("logo v1");
        revalidated.Headers.GetValues("X-Checked").Should().Equal("again");
        afterRefresh.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=", "the 304 gave the entry a new lifetime");
        afterRefresh.Headers.GetValues("X-Checked").Should().Equal("again");
        origin.ReceivedCountFor("/logo").Should().Be(2);
    }

    [Fact]
    public async Task Get_304WithOtherBodyHeaders_TheStoredBodysOwnAreKept()
    {
        // Arrange: RFC 9111 §3.2: a 304 does not change the fields that describe the stored bytes.
        using var origin = WireMockBackend.Start().Stub(server =>
        {
            server.Given(Request.Create().WithPath("/doc").UsingGet().WithHeader("If-None-Match", "\"d1\""))
                .AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(304)
                    .WithHeader("ETag", "\"d2\"")
                    .WithHeader("Content-MD5", "bbbb")
                    .WithHeader("Cache-Control", "max-age=10")
                    .WithHeader("X-Checked", "again"));
            server.Given(Request.Create().WithPath("/doc").UsingGet())
                .AtPriority(10)
                .RespondWith(Response.Create().WithBody("doc")
                    .WithHeader("ETag", "\"d1\"")
                    .WithHeader("Content-MD5", "aaaa")
                    .WithHeader("Cache-Control", "max-age=10"));
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/doc");
        await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(11));

        // Act
        var revalidated = await proxy.FetchAsync(target);

        // Assert
        revalidated.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=304");
        revalidated.Headers.ETag!.Tag.Should().Be("\"d1\"");
        revalidated.Content.Headers.GetValues("Content-MD5").Should().Equal("aaaa");
        revalidated.Headers.GetValues("X-Checked").Should().ContainSingle().Which.Should().Be("again", "every other field does take the 304's value");
    }

    [Fact]
    public async Task Get_StaleWithLastModified_SendsIfModifiedSince()
    {
        // Arrange
        const string lastModified = "Tue, 01 Sep 2026 10:00:00 GMT";
        using var origin = WireMockBackend.Start().Stub(server =>
        {
            server.Given(Request.Create().WithPath("/terms").UsingGet().WithHeader("If-Modified-Since", lastModified))
                .AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(304).WithHeader("Cache-Control", "max-age=10"));
            server.Given(Request.Create().WithPath("/terms").UsingGet())
                .AtPriority(10)
                .RespondWith(Response.Create().WithBody("terms")
                    .WithHeader("Last-Modified", lastModified)
                    .WithHeader("Cache-Control", "max-age=10"));
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/terms");
        var first = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(11));

        // Act
        var revalidated = await proxy.FetchAsync(target);

        // Assert
        origin.LastHeader("If-Modified-Since").Should().Be(lastModified);
        revalidated.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=304");
        (await revalidated.BodyAsync()).Should().Be("terms");
        revalidated.Content.Headers.LastModified.Should().Be(DateTimeOffset.Parse(lastModified, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Get_StaleAndChangedAtOrigin_NewVersionServedAndStored()
    {
        // Arrange: the origin has moved on to v2, so the v1 validator does not match.
        using var origin = WireMockBackend.Start().Stub("/logo", body: "logo v1", headers: new Dictionary<string, string>
        {
            ["ETag"] = "\"v1\"",
            ["Cache-Control"] = "max-age=10",
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/logo");
        var first = await proxy.FetchAsync(target);
        origin.Server.Reset();
        origin.Stub("/logo", body: "logo v2", headers: new Dictionary<string, string> { ["ETag"] = "\"v2\"", ["Cache-Control"] = "max-age=10" });
        proxy.Time.Advance(TimeSpan.FromSeconds(11));

        // Act
        var (changed, after) = await proxy.FetchTwiceAsync(target);

        // Assert
        changed.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=200; stored");
        (await changed.BodyAsync()).Should().Be("logo v2");
        after.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        (await after.BodyAsync()).Should().Be("logo v2");
    }

    [Fact]
    public async Task Get_ResponseNoCacheWithETag_StoredButRevalidatedEveryTime()
    {
        // Arrange: no-cache means "keep it, but ask me before each use", not "do not store".
        using var origin = WireMockBackend.Start().Stub(server =>
        {
            server.Given(Request.Create().WithPath("/feed").UsingGet().WithHeader("If-None-Match", "\"f1\""))
                .AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "\"f1\""));
            server.Given(Request.Create().WithPath("/feed").UsingGet())
                .AtPriority(10)
                .RespondWith(Response.Create().WithBody("feed").WithHeader("ETag", "\"f1\"").WithHeader("Cache-Control", "no-cache"));
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/feed");

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        first.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        second.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=304");
        (await second.BodyAsync()).Should().Be("feed");
        origin.LastHeader("If-None-Match").Should().Be("\"f1\"");
    }
}
