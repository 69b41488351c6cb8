using System.Globalization;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// Ocelot writes durations as a number and a unit: "500ms", "1s", "5m", "1h", "1d".
/// </summary>
public static class OcelotPeriod
{
    public static bool TryParse(string? text, out TimeSpan period)
    {
        period = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        var (unit, digits) = value.EndsWith("ms", StringComparison.OrdinalIgnoreCase)
            ? ("ms", value[..^2])
            : (value[^1..].ToLowerInvariant(), value[..^1]);
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        TimeSpan? parsed = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            _ => null,
        };
        if (parsed is not { } p)
        {
            return false;
        }

        period = p;
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException($"'{text}' is not an Ocelot period: write a number and a unit, ms, s, m, h or d (\"1s\", \"5m\").");

    /// <summary>A duration written back the Ocelot way, in the largest whole unit ("1s", "5m", "250ms").</summary>
    public static string Format(TimeSpan period)
    {
        var ms = (long)period.TotalMilliseconds;
        foreach (var (unit, size) in new[] { ("d", 86_400_000L), ("h", 3_600_000L), ("m", 60_000L), ("s", 1_000L) })
        {
            if (ms >= size && ms % size == 0)
            {
                return $"{ms / size}{unit}";
            }
        }

        return $"{ms}ms";
    }
}
