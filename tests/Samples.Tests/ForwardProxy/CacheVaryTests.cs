namespace Samples.Tests.ForwardProxy;

/// <summary>Vary: one URI, one stored response per value of the request headers the origin names.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheVaryTests
{
    [Fact]
    public async Task Get_VaryAcceptLanguage_KeepsOneEntryPerLanguage()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub(server =>
        {
            foreach (var (language, greeting) in new[] { ("en", "hello"), ("fr", "bonjour") })
            {
                server.Given(Request.Create().WithPath("/greeting").UsingGet().WithHeader("Accept-Language", language))
                    .RespondWith(Response.Create().WithBody(greeting)
                        .WithHeader("Cache-Control", "max-age=60")
                        .WithHeader("Vary", "Accept-Language"));
            }
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/greeting");

        // Act
        var english = await proxy.FetchAsync(target, ("Accept-Language", "en"));
        var french = await proxy.FetchAsync(target, ("Accept-Language", "fr"));
        var englishAgain = await proxy.FetchAsync(target, ("Accept-Language", "en"));
        var frenchAgain = await proxy.FetchAsync(target, ("Accept-Language", "fr"));

        // Assert
        english.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        french.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored", "a different Accept-Language is a different variant");
        englishAgain.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        frenchAgain.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        (await englishAgain.BodyAsync()).Should().Be("hello");
        (await frenchAgain.BodyAsync()).Should().Be("bonjour");
        origin.ReceivedCountFor("/greeting").Should().Be(2);
    }

    [Theory]
    [InlineData("Accept-Language", "en-GB, de", "EN-gb, DE", 1)]
    [InlineData("Accept-Language", "en, de", " en ,   de", 1)]
    [InlineData("X-Token", "abc", "ABC", 2)]
    public async Task Get_VaryOnAFieldWhoseCaseMeansNothing_SameVariantWhateverTheCase(string field, string first, string second, int originRequests)
    {
        // Arrange: language tags are case-insensitive; an unknown field's value is compared as sent.
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/varied", body: "varied", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60", ["Vary"] = field });

        // Act
        await proxy.FetchAsync(target, (field, first));
        var again = await proxy.FetchAsync(target, (field, second));

        // Assert
        origin.ReceivedCountFor("/varied").Should().Be(originRequests);
    }
}
