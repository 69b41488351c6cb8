using Microsoft.Extensions.Primitives;

namespace Samples.ForwardProxy;

/// <summary>
/// The Cache-Control directives (RFC 9111 §5.2) this cache acts on, from a
/// response (§5.2.2) or a request (§5.2.1). Unknown directives are ignored, as
/// the RFC asks. Written by hand because it is the heart of what the sample
/// teaches: every caching decision starts from these few words. The reading
/// rules, each from the RFC:
/// <list type="bullet">
/// <item>names are case-insensitive; an argument may be a token or a quoted string (§5.2);</item>
/// <item>a directive given twice counts the first time only (§4.2.1 lets a cache use the first);</item>
/// <item>a lifetime that is not delta-seconds ("100a", "5.5", "=" with spaces round it)
/// is invalid freshness information, which makes the response stale (§4.2.1);</item>
/// <item>the qualified forms no-cache="Set-Cookie" and private="X" are read as the
/// unqualified ones (§5.2.2.4, §5.2.2.7): stricter, simpler.</item>
/// </list>
/// </summary>
public sealed record CacheControl
{
    public static readonly CacheControl None = new();

    public bool NoStore { get; init; }

    public bool NoCache { get; init; }

    public bool Private { get; init; }

    public bool Public { get; init; }

    /// <summary>must-revalidate, or proxy-revalidate (the same rule, for shared caches only): never serve it stale.</summary>
    public bool MustRevalidate { get; init; }

    /// <summary>must-understand (§5.2.2.3): store only if the cache knows the status code's rules; it overrides no-store.</summary>
    public bool MustUnderstand { get; init; }

    public TimeSpan? MaxAge { get; init; }

    /// <summary>s-maxage: the lifetime for shared caches such as this proxy, which wins over max-age.</summary>
    public TimeSpan? SharedMaxAge { get; init; }

    /// <summary>RFC 5861: how long past its lifetime the response may be served while it is revalidated in the background.</summary>
    public TimeSpan? StaleWhileRevalidate { get; init; }

    /// <summary>RFC 5861: how long past its lifetime the response may be served when the origin fails.</summary>
    public TimeSpan? StaleIfError { get; init; }

    /// <summary>Request max-stale: how stale an answer the client accepts (no argument: any, read as the maximum).</summary>
    public TimeSpan? MaxStale { get; init; }

    /// <summary>Request min-fresh: the answer must stay fresh for at least this much longer.</summary>
    public TimeSpan? MinFresh { get; init; }

    /// <summary>Request only-if-cached: answer from what is stored, or 504; never go to the origin.</summary>
    public bool OnlyIfCached { get; init; }

    /// <summary>Reads every Cache-Control line of a message (a header may be split over several lines).</summary>
    public static CacheControl Parse(StringValues headerValues)
    {
        if (StringValues.IsNullOrEmpty(headerValues))
        {
            return None;
        }

        var result = new CacheControl();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in headerValues)
        {
            foreach (var (name, argument, wellFormed) in CacheDirectives.Split(line ?? string.Empty))
            {
                if (!seen.Add(name))
                {
                    continue;
                }

                result = name.ToLowerInvariant() switch
                {
                    "no-store" => result with { NoStore = true },
                    "no-cache" => result with { NoCache = true },
                    "private" => result with { Private = true },
                    "public" => result with { Public = true },
                    "must-revalidate" or "proxy-revalidate" => result with { MustRevalidate = true },
                    "only-if-cached" => result with { OnlyIfCached = true },
                    "must-understand" => result with { MustUnderstand = true },
                    "max-age" => result with { MaxAge = Lifetime(argument, wellFormed) },
                    "s-maxage" => result with { SharedMaxAge = Lifetime(argument, wellFormed) },
                    "max-stale" => result with { MaxStale = argument is null && wellFormed ? DeltaSeconds.Max : Optional(argument, wellFormed) },
                    "min-fresh" => result with { MinFresh = Optional(argument, wellFormed) },
                    "stale-while-revalidate" => result with { StaleWhileRevalidate = Optional(argument, wellFormed) },
                    "stale-if-error" => result with { StaleIfError = Optional(argument, wellFormed) },
                    _ => result,
                };
            }
        }

        return result;
    }

    /// <summary>A lifetime that cannot be read is zero: the response is stale, the safe side (§4.2.1).</summary>
    private static TimeSpan Lifetime(string? argument, bool wellFormed) =>
        wellFormed && DeltaSeconds.TryParse(argument, out var value) ? value : TimeSpan.Zero;

    /// <summary>A permission that cannot be read is not given: null, as if the directive were absent.</summary>
    private static TimeSpan? Optional(string? argument, bool wellFormed) =>
        wellFormed && DeltaSeconds.TryParse(argument, out var value) ? value : null;
}
