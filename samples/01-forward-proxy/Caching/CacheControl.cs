using Microsoft.Extensions.Primitives;

namespace Samples.ForwardProxy;

/// <summary>
/// The Cache-Control directives (RFC 9111 §5.2) this cache acts on, read from
/// a request or a response. Unknown directives are ignored, as the RFC asks.
/// Written by hand because it is the heart of what the sample teaches: every
/// caching decision starts from these few words.
/// </summary>
public sealed record CacheControl
{
    /// <summary>RFC 9111 §1.2.2: a delta-seconds too large to represent is read as 2^31 seconds.</summary>
    public static readonly TimeSpan MaxDelta = TimeSpan.FromSeconds(2147483648);

    public static readonly CacheControl None = new();

    public bool NoStore { get; init; }

    public bool NoCache { get; init; }

    public bool Private { get; init; }

    public bool Public { get; init; }

    public bool MustRevalidate { get; init; }

    public TimeSpan? MaxAge { get; init; }

    /// <summary>s-maxage: the lifetime for shared caches such as this proxy, which wins over max-age.</summary>
    public TimeSpan? SharedMaxAge { get; init; }

    /// <summary>Reads every Cache-Control line of a message (a header may be split over several lines).</summary>
    public static CacheControl Parse(StringValues headerValues)
    {
        if (StringValues.IsNullOrEmpty(headerValues))
        {
            return None;
        }

        var result = new CacheControl();
        foreach (var line in headerValues)
        {
            foreach (var (name, argument) in Directives(line ?? string.Empty))
            {
                result = name.ToLowerInvariant() switch
                {
                    "no-store" => result with { NoStore = true },
                    // The qualified forms (no-cache="Set-Cookie", private="X") may be read
                    // as the unqualified ones (RFC 9111 §5.2.2.4, §5.2.2.7): stricter, simpler.
                    "no-cache" => result with { NoCache = true },
                    "private" => result with { Private = true },
                    "public" => result with { Public = true },
                    "must-revalidate" or "proxy-revalidate" => result with { MustRevalidate = true },
                    "max-age" => result with { MaxAge = DeltaSeconds(argument) },
                    "s-maxage" => result with { SharedMaxAge = DeltaSeconds(argument) },
                    _ => result,
                };
            }
        }

        return result;
    }

    /// <summary>
    /// A malformed or missing number counts as zero: a response whose lifetime
    /// cannot be read is treated as already stale, the safe side.
    /// </summary>
    private static TimeSpan DeltaSeconds(string? argument)
    {
        if (string.IsNullOrEmpty(argument) || !argument.All(char.IsAsciiDigit))
        {
            return TimeSpan.Zero;
        }

        return long.TryParse(argument, out var seconds) && seconds < (long)MaxDelta.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : MaxDelta;
    }

    /// <summary>Splits "a, b=1, c=\"x, y\"" into (name, argument) pairs; commas inside quotes do not split.</summary>
    private static IEnumerable<(string Name, string? Argument)> Directives(string line)
    {
        var position = 0;
        while (position < line.Length)
        {
            var nameStart = position;
            while (position < line.Length && line[position] != ',' && line[position] != '=')
            {
                position++;
            }

            var name = line[nameStart..position].Trim();
            string? argument = null;
            if (position < line.Length && line[position] == '=')
            {
                position++;
                while (position < line.Length && line[position] == ' ')
                {
                    position++;
                }

                if (position < line.Length && line[position] == '"')
                {
                    var close = line.IndexOf('"', position + 1);
                    close = close < 0 ? line.Length : close;
                    argument = line[(position + 1)..close];
                    position = close + 1;
                    while (position < line.Length && line[position] != ',')
                    {
                        position++;
                    }
                }
                else
                {
                    var argumentStart = position;
                    while (position < line.Length && line[position] != ',')
                    {
                        position++;
                    }

                    argument = line[argumentStart..position].Trim();
                }
            }

            position++;
            if (name.Length > 0)
            {
                yield return (name, argument);
            }
        }
    }
}
