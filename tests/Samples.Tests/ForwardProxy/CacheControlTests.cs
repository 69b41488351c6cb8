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
        var control = CacheControl.Parse("  No-Store ,PRIVATE,  Max-Age = 5 ");

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
        CacheControl.Parse("max-age=99999999999999999999").MaxAge.Should().Be(CacheControl.MaxDelta);
    }

    [Fact]
    public void Parse_UnknownDirectivesAndEmpty_AreIgnored()
    {
        CacheControl.Parse("immutable, stale-while-revalidate=30, ,").Should().Be(CacheControl.None);
        CacheControl.Parse(StringValues.Empty).Should().Be(CacheControl.None);
    }
}
