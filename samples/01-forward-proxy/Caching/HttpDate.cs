using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace Samples.ForwardProxy;

/// <summary>
/// RFC 9110 §5.6.7: an HTTP-date comes in exactly three shapes, and a recipient
/// must read all three. Anything else (a one-digit hour, dashes in an
/// IMF-fixdate, doubled spaces, "UTC", a lower-case month, "0") is not a date.
/// ASP.NET Core's own parser is lenient on purpose and reads many of those, so
/// the cache reads dates here, by the grammar: for Expires, an unreadable date
/// means "already expired" (RFC 9111 §5.3), and reading too much would keep
/// something fresh that the origin never meant to be.
/// </summary>
internal static partial class HttpDate
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Reads the first line of a header that holds one date (Date, Expires, Last-Modified).</summary>
    public static bool TryParse(StringValues value, out DateTimeOffset date)
    {
        date = default;
        return value.Count > 0 && TryParse(value[0], out date);
    }

    public static bool TryParse(string? text, out DateTimeOffset date)
    {
        date = default;
        if (text is null)
        {
            return false;
        }

        // IMF-fixdate, the one senders must use: "Sun, 06 Nov 1994 08:49:37 GMT".
        if (ImfFixdate().Match(text) is { Success: true } imf)
        {
            return TryBuild(imf, int.Parse(imf.Groups["year"].ValueSpan, CultureInfo.InvariantCulture), out date);
        }

        // The obsolete RFC 850 form: "Sunday, 06-Nov-94 08:49:37 GMT". A two-digit year
        // that would be more than 50 years ahead is the most recent past year ending so.
        if (Rfc850().Match(text) is { Success: true } rfc850)
        {
            var now = DateTimeOffset.UtcNow.Year;
            var year = (now / 100 * 100) + int.Parse(rfc850.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
            year = year > now + 50 ? year - 100 : year;
            return TryBuild(rfc850, year, out date);
        }

        // C's asctime() form: "Sun Nov  6 08:49:37 1994" (a one-digit day is padded with a space).
        if (Asctime().Match(text) is { Success: true } asctime)
        {
            return TryBuild(asctime, int.Parse(asctime.Groups["year"].ValueSpan, CultureInfo.InvariantCulture), out date);
        }

        return false;
    }

    private static bool TryBuild(Match match, int year, out DateTimeOffset date)
    {
        date = default;
        var month = Array.IndexOf(Months, match.Groups["month"].Value) + 1;
        var day = int.Parse(match.Groups["day"].ValueSpan.Trim(), CultureInfo.InvariantCulture);
        var hour = int.Parse(match.Groups["hour"].ValueSpan, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].ValueSpan, CultureInfo.InvariantCulture);
        var second = int.Parse(match.Groups["second"].ValueSpan, CultureInfo.InvariantCulture);

        // The grammar allows a leap second (60); a cache loses nothing by reading it as 59.
        if (month == 0 || year < 1 || day > DateTime.DaysInMonth(year, month) || day < 1 || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        date = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), TimeSpan.Zero);
        return true;
    }

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?<day>[0-9]{2}) (?<month>[A-Z][a-z]{2}) (?<year>[0-9]{4}) (?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2}) GMT$", RegexOptions.CultureInvariant)]
    private static partial Regex ImfFixdate();

    [GeneratedRegex(@"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (?<day>[0-9]{2})-(?<month>[A-Z][a-z]{2})-(?<year>[0-9]{2}) (?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2}) GMT$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc850();

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<month>[A-Z][a-z]{2}) (?<day> [0-9]|[0-9]{2}) (?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2}) (?<year>[0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex Asctime();
}
