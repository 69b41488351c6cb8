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
    /// RFC 9111 §5.1: Age is one delta-seconds. An Age the cache cannot read as
    /// exactly one ("1200a", "-5", "7200.0", "0, 7200", two Age lines) leaves the
    /// response's age unknown, and this cache then treats it as stale (the largest
    /// age), so that it is revalidated before use. The RFC would also let a cache
    /// use a list's first member and ignore an invalid value; reading it as stale
    /// is the safe side, which a cache may always take (§4.2.4), and it is what the
    /// http-tests cache-tests suite requires.
    /// </summary>
    public static TimeSpan AgeField(StringValues age)
    {
        if (age.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var text = age.Count == 1 ? (age[0] ?? string.Empty).AsSpan().Trim(" \t") : ReadOnlySpan<char>.Empty;
        return TryParse(text, out var value) ? value : Max;
    }
}
