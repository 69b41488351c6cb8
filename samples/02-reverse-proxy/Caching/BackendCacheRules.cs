using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Samples.ReverseProxy;

/// <summary>
/// The backend's say within the operator's policy, as nginx's proxy_cache
/// gives it: on a cached route, an answer marked <c>no-store</c>, <c>private</c>
/// or <c>no-cache</c> is not stored; <c>s-maxage</c>, else <c>max-age</c>, else
/// <c>Expires</c> can shorten the route's Duration, never lengthen it; and a
/// <c>Vary</c> header teaches the route which request headers split its
/// entries. A policy with <c>IgnoreBackendHeaders</c> keeps to its Duration
/// alone (nginx's proxy_ignore_headers).
/// Runs as a YARP response transform: the backend's headers are there, and the
/// output cache has not yet fixed the entry's lifetime (it does so when the
/// first byte of the body is written).
/// </summary>
public sealed class BackendCacheRules(IOptions<OutputCachePolicies> policies) : ITransformProvider
{
    private const string RefusalKey = "Samples.ReverseProxy.CacheRefusal";

    // Route id -> the request headers its backend's answers vary on, as they have said so far.
    private readonly ConcurrentDictionary<string, string[]> _learnedVary = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why the backend's headers kept this answer out of the cache, for Cache-Status' detail; null when they did not.</summary>
    public static string? RefusalFor(HttpContext context) => context.Items[RefusalKey] as string;

    /// <summary>The request headers the route's backend has said its answers vary on.</summary>
    public IReadOnlyList<string> LearnedVary(string routeId) => _learnedVary.TryGetValue(routeId, out var headers) ? headers : [];

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        if (context.Route.OutputCachePolicy is not { } name
            || !policies.Value.TryGetValue(name, out var policy)
            || policy.IgnoreBackendHeaders)
        {
            return;
        }

        var routeId = context.Route.RouteId;
        var operatorVary = policy.VaryByHeader;
        context.AddResponseTransform(transform =>
        {
            if (transform.HttpContext.Features.Get<IOutputCacheFeature>()?.Context is { AllowCacheStorage: true } cache)
            {
                Decide(transform.HttpContext, cache, routeId, operatorVary);
            }

            return ValueTask.CompletedTask;
        });
    }

    private void Decide(HttpContext http, OutputCacheContext cache, string routeId, string[] operatorVary)
    {
        var headers = http.Response.Headers;
        var refusal = Refusal(headers, DateTimeOffset.UtcNow, out var lifetime);
        if (refusal is null && VaryRefusal(headers.Vary, routeId, operatorVary) is { } varies)
        {
            refusal = varies;
        }

        if (refusal is not null)
        {
            cache.AllowCacheStorage = false;
            http.Items[RefusalKey] = refusal;
            return;
        }

        if (lifetime is { } backend && (cache.ResponseExpirationTimeSpan is not { } route || backend < route))
        {
            cache.ResponseExpirationTimeSpan = backend;
        }
    }

    /// <summary>
    /// What the backend's answer headers say about storing it in a shared cache (RFC 9111 §3, §4.2.1, §5.2.2):
    /// a reason not to ("no-store", "private", "no-cache", "expired"), or null and the lifetime they give, if any.
    /// </summary>
    public static string? Refusal(IHeaderDictionary headers, DateTimeOffset now, out TimeSpan? lifetime)
    {
        lifetime = null;
        CacheControlHeaderValue.TryParse(headers.CacheControl.ToString(), out var directives);
        if (directives is { NoStore: true })
        {
            return "no-store";
        }

        if (directives is { Private: true })
        {
            return "private";
        }

        // no-cache lets a cache keep the answer only to revalidate it on every use; this cache cannot revalidate.
        if (directives is { NoCache: true })
        {
            return "no-cache";
        }

        var age = TimeSpan.Zero;
        if (headers.Age.Count > 0 && HeaderUtilities.TryParseNonNegativeInt64(headers.Age.ToString(), out var seconds))
        {
            age = TimeSpan.FromSeconds(seconds);
        }

        if ((directives?.SharedMaxAge ?? directives?.MaxAge) is { } maxAge)
        {
            lifetime = maxAge - age;
        }
        else if (headers.Expires.Count > 0)
        {
            // An Expires that does not parse means "already expired" (RFC 9111 §5.3).
            var date = HeaderUtilities.TryParseDate(headers.Date.ToString(), out var d) ? d : now;
            lifetime = HeaderUtilities.TryParseDate(headers.Expires.ToString(), out var expires) ? expires - date - age : TimeSpan.Zero;
        }

        return lifetime <= TimeSpan.Zero ? "expired" : null;
    }

    // A Vary the route's cache key does not cover yet: learn its headers, and keep this one answer out
    // (it was looked up without them). "Vary: *" can never be matched, so such answers are never stored.
    private string? VaryRefusal(StringValues vary, string routeId, string[] operatorVary)
    {
        if (vary.Count == 0)
        {
            return null;
        }

        var names = vary.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (names.Contains("*"))
        {
            return "vary-star";
        }

        var known = LearnedVary(routeId);
        var unknown = names.Where(n => !operatorVary.Contains(n, StringComparer.OrdinalIgnoreCase) && !known.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count == 0)
        {
            return null;
        }

        _learnedVary.AddOrUpdate(routeId, [.. unknown], (_, old) => [.. old.Union(unknown, StringComparer.OrdinalIgnoreCase)]);
        return "vary-learned";
    }
}

/// <summary>Adds the request headers a route's backend has said it varies on to the route's cache key.</summary>
internal sealed class LearnedVaryPolicy(BackendCacheRules rules) : IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is { } route
            && rules.LearnedVary(route.Config.RouteId) is { Count: > 0 } learned)
        {
            context.CacheVaryByRules.HeaderNames = StringValues.Concat(context.CacheVaryByRules.HeaderNames, new StringValues([.. learned]));
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
