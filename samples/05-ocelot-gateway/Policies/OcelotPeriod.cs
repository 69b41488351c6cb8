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
}
