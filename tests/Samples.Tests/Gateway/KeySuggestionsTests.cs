using Samples.OcelotGateway.Configuration;

namespace Samples.Tests.Gateway;

/// <summary>The edit distance behind "did you mean": slips of the keyboard are near, other words are not.</summary>
[Trait("Concept", "Gateway")]
public sealed class KeySuggestionsTests
{
    [Theory]
    [InlineData("Key", "Key", 0)]
    [InlineData("Kye", "Key", 1)]
    [InlineData("Ky", "Key", 1)]
    [InlineData("Keys", "Key", 1)]
    [InlineData("Kay", "Key", 1)]
    [InlineData("", "Key", 3)]
    [InlineData("Weight", "Host", 5)]
    public void Distance_TwoWords_CountsInsertsDeletesChangesAndSwaps(string a, string b, int expected) =>
        KeySuggestions.Distance(a, b).Should().Be(expected);

    [Fact]
    public void Nearest_SeveralCandidates_TakesTheClosestIgnoringCase() =>
        KeySuggestions.Nearest("upstreampathtempate", ["DownstreamPathTemplate", "UpstreamPathTemplate", "UpstreamHost"]).Should().Be("UpstreamPathTemplate");

    [Fact]
    public void Nearest_NothingClose_Null() =>
        KeySuggestions.Nearest("Weight", ["Host", "Port"]).Should().BeNull();
}
