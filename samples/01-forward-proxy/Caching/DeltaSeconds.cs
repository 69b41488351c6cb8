using Microsoft.Extensions.Primitives;

namespace Samples.ForwardProxy;

/// <summary>
/// RFC 9111 §1.2.2: delta-seconds, a whole number of seconds written as digits
/// only ("60", "003600"), never "5.5", "100a" or "-1". A value too large to
/// hold is read as 2^31 seconds, the RFC's "infinity".
/// </summary>
internal static class DeltaSeconds
{
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(2147483648);

    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text.IsEmpty || text.ContainsAnyExcept("0123456789"))
        {
            return false;
        }

        // Only the digits' count can overflow: leading zeros are fine, so read
        // digit by digit and stop counting at the cap.
        long seconds = 0;
        foreach (var digit in text)
        {
            seconds = Math.Min((seconds * 10) + (digit - '0'), (long)Max.TotalSeconds);
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>
    /// RFC 9111 §5.1: Age is one delta-seconds. A list (on one line or two) counts
    /// only its first member; a first member that is not delta-seconds ("1200a",
    /// "-5", "7200.0") makes the cache ignore the field, as if it were absent.
    /// </summary>
    public static TimeSpan AgeField(StringValues age)
    {
        if (age.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var first = (age[0] ?? string.Empty).AsSpan();
        var comma = first.IndexOf(',');
        first = (comma < 0 ? first : first[..comma]).Trim(" \t");
        return TryParse(first, out var value) ? value : TimeSpan.Zero;
    }
}
