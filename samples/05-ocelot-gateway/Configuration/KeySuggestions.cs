namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// "Did you mean ...?" for a misspelt key: the known key fewest single-letter
/// edits away (insert, delete, change, or swap two neighbours), when it is
/// close enough to be a slip of the keyboard rather than another word.
/// </summary>
public static class KeySuggestions
{
    /// <summary>The nearest of <paramref name="known"/> to <paramref name="key"/> (ignoring case), or null when none is near.</summary>
    public static string? Nearest(string key, IEnumerable<string> known)
    {
        // One slip per four letters, at least one and at most three: "Tempate" is a slip, "Weight" for "Key" is not.
        var allowed = Math.Clamp(key.Length / 4, 1, 3);
        return known
            .Select(candidate => (Candidate: candidate, Distance: Distance(key.ToUpperInvariant(), candidate.ToUpperInvariant())))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }

    /// <summary>Edits between two words (optimal string alignment: a swap of neighbours counts as one).</summary>
    public static int Distance(string a, string b)
    {
        // Three rows of the classic table are enough: the one being filled and the two above it.
        var before = new int[b.Length + 1];
        var above = new int[b.Length + 1];
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            above[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var change = a[i - 1] == b[j - 1] ? 0 : 1;
                row[j] = Math.Min(Math.Min(above[j] + 1, row[j - 1] + 1), above[j - 1] + change);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    row[j] = Math.Min(row[j], before[j - 2] + 1);
                }
            }

            (before, above, row) = (above, row, before);
        }

        return above[b.Length];
    }
}
