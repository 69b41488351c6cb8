namespace Samples.Tests.ReverseProxy;

/// <summary>
/// 02's cache obeys the backend within the operator's policy, as nginx's
/// proxy_cache does: no-store, private and no-cache are not stored; s-maxage,
/// then max-age, then Expires shorten the route's Duration and never lengthen
/// it; Vary splits the entries.
/// </summary>
[Trait("Concept", "Caching")]
public sealed class BackendCacheHeadersTests
{
    private const string Featured = "/catalog/featured";

    [Theory]
    [InlineData("no-store", "no-store")]
    [InlineData("private, max-age=60", "private")]
    [InlineData("no-cache", "no-cache")]
    [InlineData("max-age=0", "expired")]
    [InlineData("s-maxage=0, max-age=60", "expired")]
    public async Task BackendCacheControl_ForbidsOrEndsStorage_NotStoredAndCacheStatusSaysWhy(string cacheControl, string detail)
    {
        // Arrange
        await using var proxy = StartWith(new Dictionary<string, string> { ["Cache-Control"] = cacheControl });

        // Act
        var first = await proxy.GetAsync(Featured);
        var second = await proxy.GetAsync(Featured);

        // Assert
        first.Headers.GetValues("Cache-Status").Should().Equal($"ReverseProxy; fwd=uri-miss; detail={detail}");
        second.Headers.GetValues("Cache-Status").Should().Equal($"ReverseProxy; fwd=uri-miss; detail={detail}");
        await proxy.Catalog.SettledAsync(2, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(2);
    }

    [Theory]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    [InlineData("0")]
    [InlineData("not a date")]
    public async Task BackendExpires_InThePastOrUnparseable_MeansAlreadyExpired(string expires)
    {
        // Arrange (RFC 9111 §5.3: an Expires that does not parse is in the past)
        await using var proxy = StartWith(new Dictionary<string, string> { ["Expires"] = expires });

        // Act
        var first = await proxy.GetAsync(Featured);
        await proxy.GetAsync(Featured);

        // Assert
        first.Headers.GetValues("Cache-Status").Should().Equal("ReverseProxy; fwd=uri-miss; detail=expired");
        await proxy.Catalog.SettledAsync(2, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(2);
    }

    [Fact]
    public async Task BackendSMaxAge_WinsOverMaxAgeZero_Stored()
    {
        // Arrange: a shared cache reads s-maxage first (RFC 9111 §5.2.2.10).
        await using var proxy = StartWith(new Dictionary<string, string> { ["Cache-Control"] = "max-age=0, s-maxage=60" });

        // Act
        var first = await proxy.GetAsync(Featured);
        var second = await proxy.GetAsync(Featured);

        // Assert
        first.Headers.GetValues("Cache-Status").Should().Equal("ReverseProxy; fwd=uri-miss; stored");
        second.Headers.GetValues("Cache-Status").Should().Equal("ReverseProxy; hit");
    }

    [Fact]
    public async Task BackendMaxAge_ShorterThanTheRoutesDuration_EntryExpiresWithTheBackendsLifetime()
    {
        // Arrange: the route keeps answers 30 s; the backend says 1 s.
        await using var proxy = StartWith(new Dictionary<string, string> { ["Cache-Control"] = "max-age=1" });
        (await proxy.GetAsync(Featured)).Headers.GetValues("Cache-Status").Should().Equal("ReverseProxy; fwd=uri-miss; stored");
        var hit = await proxy.GetAsync(Featured);

        // Act
        var refetched = await BackendAskedAgainWithinAsync(proxy, TimeSpan.FromSeconds(10));

        // Assert: well before the route's 30 s.
        hit.Headers.GetValues("Cache-Status").Should().Equal("ReverseProxy; hit");
        refetched.Should().BeTrue();
    }

    [Fact]
    public async Task BackendMaxAge_LongerThanTheRoutesDuration_NeverExtendsIt()
    {
        // Arrange: the route keeps answers 1 s; the backend would allow an hour.
        await using var proxy = StartWith(
            new Dictionary<string, string> { ["Cache-Control"] = "max-age=3600" },
            new Dictionary<string, string?> { ["OutputCachePolicies:featured:Duration"] = "00:00:01" });
        await proxy.GetAsync(Featured);

        // Act
        var refetched = await BackendAskedAgainWithinAsync(proxy, TimeSpan.FromSeconds(10));

        // Assert
        refetched.Should().BeTrue();
    }

    [Fact]
    public async Task BackendVary_SplitsEntriesByTheHeaderItNames()
    {
        // Arrange: the backend answers in the language asked for and says so in Vary.
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(s => s
            .Given(Request.Create().WithPath(Featured).UsingGet())
            .RespondWith(Response.Create()
                .WithHeader("Vary", "Accept-Language")
                .WithBody(request => "lang " + (request.Headers?.TryGetValue("Accept-Language", out var value) == true ? value[0] : "none")))));

        // Act: the first answer teaches the route its Vary; then one entry per language.
        var learnt = await GetInAsync(proxy, "en");
        var english = await GetInAsync(proxy, "en");
        var french = await GetInAsync(proxy, "fr");
        var englishAgain = await GetInAsync(proxy, "en");
        var frenchAgain = await GetInAsync(proxy, "fr");

        // Assert
        learnt.Status.Should().Be("ReverseProxy; fwd=uri-miss; detail=vary-learned");
        english.Status.Should().Be("ReverseProxy; fwd=uri-miss; stored");
        french.Status.Should().Be("ReverseProxy; fwd=uri-miss; stored");
        englishAgain.Should().Be(("ReverseProxy; hit", "lang en"));
        frenchAgain.Should().Be(("ReverseProxy; hit", "lang fr"));
    }

    [Fact]
    public async Task BackendVaryStar_NeverStored()
    {
        // Arrange
        await using var proxy = StartWith(new Dictionary<string, string> { ["Vary"] = "*" });

        // Act
        await proxy.GetAsync(Featured);
        var second = await proxy.GetAsync(Featured);

        // Assert
        second.Headers.GetValues("Cache-Status").Should().Equal("ReverseProxy; fwd=uri-miss; detail=vary-star");
        await proxy.Catalog.SettledAsync(2, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(2);
    }

    private static ProxyUnderTest StartWith(IDictionary<string, string> headers, IDictionary<string, string?>? settings = null) =>
        ProxyUnderTest.Start(catalog: c => c.Stub(Featured, body: "featured", headers: headers), settings: settings);

    private static async Task<(string Status, string Body)> GetInAsync(ProxyUnderTest proxy, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Featured, UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await proxy.SendAsync(request);
        return (response.Headers.GetValues("Cache-Status").Single(), await response.Content.ReadAsStringAsync(Ct));
    }

    // Asks every 200 ms until an answer is not a hit (the entry expired), for at most `within`.
    private static async Task<bool> BackendAskedAgainWithinAsync(ProxyUnderTest proxy, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
            using var response = await proxy.GetAsync(Featured);
            if (response.Headers.GetValues("Cache-Status").Single() != "ReverseProxy; hit")
            {
                return true;
            }
        }

        return false;
    }
}
