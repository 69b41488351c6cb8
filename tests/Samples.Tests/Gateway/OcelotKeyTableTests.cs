using System.Reflection;
using System.Text.Json.Nodes;
using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.Configuration.FileModel;

namespace Samples.Tests.Gateway;

/// <summary>
/// The key table of docs/05-ocelot-gateway.md cannot drift from the loader:
/// every key of the file model has a row, and every key marked honoured is
/// really read (taking it out of a file changes what the loader gives).
/// </summary>
[Trait("Concept", "Gateway")]
public sealed partial class OcelotKeyTableTests
{
    private const string File = "every-honoured-key.json";

    private static readonly string[] Policies = ["fixed"];

    // Rows of the table: "| `Routes[].Key`, `Routes[].Other` | honoured | ... |".
    private static readonly IReadOnlyList<(string[] Keys, string Verdict)> Rows = [.. TableRow()
        .Matches(System.IO.File.ReadAllText(Path.Combine(SampleFolders.RepositoryRoot(), "docs", "05-ocelot-gateway.md")))
        .Select(m => (Keys: KeyInRow().Matches(m.Groups["keys"].Value).Select(k => k.Groups[1].Value).ToArray(), Verdict: m.Groups["verdict"].Value.Trim()))];

    public static TheoryData<string> HonouredKeys => [.. Rows.Where(r => r.Verdict == "honoured").SelectMany(r => r.Keys)];

    [Fact]
    public void Table_EveryKeyOfTheFileModel_HasARow()
    {
        // Arrange
        var documented = Rows.SelectMany(r => r.Keys.Select(k => (Key: k, r.Verdict)))
            .GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Verdict, StringComparer.Ordinal);

        // Act
        var missing = KeysOf(typeof(FileConfiguration), string.Empty, documented).Where(k => !documented.ContainsKey(k)).ToList();

        // Assert
        missing.Should().BeEmpty("each key the loader reads needs its verdict in docs/05-ocelot-gateway.md");
        HonouredKeys.Should().HaveCountGreaterThan(50);
    }

    [Fact]
    public void HonouredKeysFile_LoadsWithoutAWarning()
    {
        // Act
        var result = OcelotConfigLoader.Parse(OcelotFiles.Read(File), rateLimiterPolicies: Policies);

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(HonouredKeys))]
    public void HonouredKey_TakenOutOfTheFile_ChangesWhatTheLoaderGives(string key)
    {
        // Arrange
        var file = JsonNode.Parse(OcelotFiles.Read(File), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var before = Loaded(file.ToJsonString());

        // Act
        var removed = Remove(file, key.Split('.'));
        var after = Loaded(file.ToJsonString());

        // Assert
        removed.Should().BeGreaterThan(0, $"{File} must set {key}");
        after.Should().NotBe(before, $"the loader must read {key}");
    }

    // The configuration the loader gives, or its errors, as text to compare.
    private static string Loaded(string json)
    {
        var result = OcelotConfigLoader.Parse(json, rateLimiterPolicies: Policies);
        return result.Succeeded ? JsonSerializer.Serialize(result.Configuration) : string.Join("\n", result.Errors);
    }

    // Takes the key out wherever the path reaches ("Routes[]" means every route); returns how many it took out.
    private static int Remove(JsonNode node, ReadOnlySpan<string> path)
    {
        var segment = path[0];
        var each = segment.EndsWith("[]", StringComparison.Ordinal);
        var name = each ? segment[..^2] : segment;
        if (node is not JsonObject obj || !obj.ContainsKey(name))
        {
            return 0;
        }

        if (path.Length == 1)
        {
            obj.Remove(name);
            return 1;
        }

        var rest = path[1..].ToArray();
        return each
            ? obj[name]!.AsArray().Sum(item => item is null ? 0 : Remove(item, rest))
            : Remove(obj[name]!, rest);
    }

    // The keys of the file model as the table writes them, not going into what the table calls deprecated.
    private static IEnumerable<string> KeysOf(Type type, string prefix, IReadOnlyDictionary<string, string> documented)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != nameof(FileObject.OtherKeys)))
        {
            var key = prefix + property.Name;
            yield return key;
            if (documented.TryGetValue(key, out var verdict) && verdict == "deprecated")
            {
                continue;
            }

            var child = property.PropertyType;
            var element = child.IsGenericType && child.GetGenericTypeDefinition() == typeof(List<>) ? child.GetGenericArguments()[0] : null;
            if (element is not null && typeof(FileObject).IsAssignableFrom(element))
            {
                foreach (var inner in KeysOf(element, key + "[].", documented))
                {
                    yield return inner;
                }
            }
            else if (typeof(FileObject).IsAssignableFrom(child))
            {
                foreach (var inner in KeysOf(child, key + ".", documented))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"^\| (?<keys>`[^|]+?) \| (?<verdict>[a-z /]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`([A-Za-z\[\].]+)`")]
    private static partial Regex KeyInRow();
}
