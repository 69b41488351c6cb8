using Microsoft.Extensions.Primitives;
using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>Reading Cache-Control directives (RFC 9111 §5.2), including the awkward spellings.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheControlTests
{
    [Fact]
    public void Parse_CommonResponse_ReadsEveryDirective()
    {
        var control = CacheControl.Parse("public, max-age=60, s-maxage=120, must-revalidate");

        control.Public.Should().BeTrue();
        control.MaxAge.Should().Be(TimeSpan.FromSeconds(60));
        control.SharedMaxAge.Should().Be(TimeSpan.FromSeconds(120));
        control.MustRevalidate.Should().BeTrue();
        control.NoStore.Should().BeFalse();
        control.Private.Should().BeFalse();
    }

    [Fact]
    public void Parse_MixedCaseAndSpaces_IsCaseInsensitive()
    {
        var control = CacheControl.Parse("  No-Store ,PRIVATE,  Max-Age=5 ");

        control.NoStore.Should().BeTrue();
        control.Private.Should().BeTrue();
        control.MaxAge.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Parse_SeveralHeaderLines_AreCombined()
    {
        var control = CacheControl.Parse(new StringValues(["no-cache", "max-age=10"]));

        control.NoCache.Should().BeTrue();
        control.MaxAge.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Parse_QualifiedNoCacheWithCommaInQuotes_CountsAsNoCacheAndKeepsReading()
    {
        var control = CacheControl.Parse("no-cache=\"Set-Cookie, X-Token\", max-age=30");

        control.NoCache.Should().BeTrue();
        control.MaxAge.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("max-age=abc")]
    [InlineData("max-age=-5")]
    [InlineData("max-age=")]
    [InlineData("max-age")]
    public void Parse_MalformedMaxAge_CountsAsZero(string header)
    {
        CacheControl.Parse(header).MaxAge.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Parse_QuotedMaxAge_IsAccepted()
    {
        CacheControl.Parse("max-age=\"15\"").MaxAge.Should().Be(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Parse_HugeMaxAge_IsCappedAtTwoToTheThirtyOneSeconds()
    {
        CacheControl.Parse("max-age=99999999999999999999").MaxAge.Should().Be(TimeSpan.FromSeconds(2147483648));
    }

    [Fact]
    public void Parse_UnknownDirectivesAndEmpty_AreIgnored()
    {
        CacheControl.Parse("immutable, community=\"UCI\", ,").Should().Be(CacheControl.None);
        CacheControl.Parse(StringValues.Empty).Should().Be(CacheControl.None);
    }

    [Theory]
    [InlineData("max-age=100a")]
    [InlineData("max-age=5.5")]
    [InlineData("max-age =60")]
    [InlineData("max-age= 60")]
    [InlineData("max-age='60'")]
    public void Parse_InvalidLifetime_IsStaleNotIgnored(string header)
    {
        // RFC 9111 §4.2.1: invalid freshness information makes the response stale.
        CacheControl.Parse(header).MaxAge.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("max-age=1800, max-age=1", 1800)]
    [InlineData("max-age=1, max-age=1800", 1)]
    public void Parse_DuplicatedDirective_TheFirstWins(string header, int seconds)
    {
        CacheControl.Parse(header).MaxAge.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Parse_DuplicatedDirectiveOnTwoLines_TheFirstWins()
    {
        CacheControl.Parse(new StringValues(["max-age=1800", "max-age=1"])).MaxAge.Should().Be(TimeSpan.FromSeconds(1800));
    }

    [Fact]
    public void Parse_MaxAgeInsideAnExtensionsQuotes_IsNotAMaxAge()
    {
        CacheControl.Parse("extension=\"max-age=3600\", max-age=1").MaxAge.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Parse_LeadingZeros_AreDeltaSeconds()
    {
        CacheControl.Parse("max-age=003600").MaxAge.Should().Be(TimeSpan.FromSeconds(3600));
    }

    [Fact]
    public void Parse_RequestDirectives_AreRead()
    {
        var control = CacheControl.Parse("max-stale=30, min-fresh=10, only-if-cached");

        control.MaxStale.Should().Be(TimeSpan.FromSeconds(30));
        control.MinFresh.Should().Be(TimeSpan.FromSeconds(10));
        control.OnlyIfCached.Should().BeTrue();
        CacheControl.Parse("max-stale").MaxStale.Should().Be(TimeSpan.FromSeconds(2147483648), "max-stale without a value accepts any staleness");
    }

    [Fact]
    public void Parse_StaleExtensions_AreRead()
    {
        var control = CacheControl.Parse("max-age=60, stale-while-revalidate=30, stale-if-error=600, proxy-revalidate");

        control.StaleWhileRevalidate.Should().Be(TimeSpan.FromSeconds(30));
        control.StaleIfError.Should().Be(TimeSpan.FromSeconds(600));
        control.MustRevalidate.Should().BeTrue("proxy-revalidate is must-revalidate for a shared cache");
    }
}
