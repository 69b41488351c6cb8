using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// The gateway's one output-cache policy. It looks up the matched route's
/// <see cref="CacheRule"/> on every request (so a reloaded configuration
/// applies at once) and turns Ocelot's settings into ASP.NET Core output
/// caching's: expiry, a tag per region, and what varies the key.
/// Every answer on a cached route says in Cache-Status (RFC 9211) what happened.
/// </summary>
public sealed class GatewayCachePolicy(GatewayPolicyStore store) : IOutputCachePolicy
{
    /// <summary>Bodies hashed into the key are at most this long; longer ones are never buffered, so never cached.</summary>
    public const long MaxHashedBodyBytes = 64 * 1024;

    /// <summary>The cache's name in Cache-Status.</summary>
    public const string CacheName = "OcelotGateway";

    private const string EventStreamType = "text/event-stream";

    // Asked for by Accept (as every EventSource does), or answered by Content-Type.
    private const string EventStreamBypass = "fwd=bypass; detail=event-stream";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (store.For(http) is not { Cache: { } rule } route || rule.Ttl <= TimeSpan.Zero)
        {
            context.EnableOutputCaching = false;
            return;
        }

        var status = new CacheStatus(context);
        http.Features.Set(status);
        http.Response.OnStarting(static s => AddCacheStatus((HttpContext)s), http);

        var request = http.Request;
        var byBody = rule.EnableContentHashing && HttpMethods.IsPost(request.Method);
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !byBody)
        {
            status.Value = "fwd=method";
            context.EnableOutputCaching = false;
            return;
        }

        // An event stream never ends: nothing whole to store, and no lock for a second subscriber to wait on.
        if (request.Headers.Accept.Any(v => v?.Contains(EventStreamType, StringComparison.OrdinalIgnoreCase) == true))
        {
            status.Value = EventStreamBypass;
            context.EnableOutputCaching = false;
            return;
        }

        var vary = context.CacheVaryByRules;
        if (byBody)
        {
            if (await HashBodyAsync(request, cancellation) is not { } hash)
            {
                status.Value = "fwd=bypass; detail=body-too-large";
                context.EnableOutputCaching = false;
                return;
            }

            vary.VaryByValues["body-sha256"] = hash;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = rule.Ttl;
        context.Tags.Add(rule.Region);

        // The key: the whole URL with its query (as Ocelot's), the route, the
        // configured Header, and the caller's Authorization, so an answer made
        // for one token is never handed to another.
        vary.QueryKeys = "*";
        vary.VaryByValues["route"] = route.RouteId;
        vary.HeaderNames = string.IsNullOrWhiteSpace(rule.Header)
            ? new StringValues("Authorization")
            : new StringValues(["Authorization", rule.Header]);
        status.Value = "fwd=uri-miss";
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.HttpContext.Features.Get<CacheStatus>() is { } status)
        {
            status.Value = "hit";
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (!Storable(context.HttpContext.Response))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    // Only plain successes are kept, never an answer that sets a cookie, never an event stream.
    private static bool Storable(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status200OK && response.Headers.SetCookie.Count == 0 && !IsEventStream(response);

    private static bool IsEventStream(HttpResponse response) =>
        MediaTypeHeaderValue.TryParse(response.ContentType, out var type) && type.MediaType.Equals(EventStreamType, StringComparison.OrdinalIgnoreCase);

    // The header leaves before the body is stored, so "stored" says what the
    // cache is doing with this answer: keeping it, by the same rule as above.
    private static Task AddCacheStatus(HttpContext http)
    {
        if (http.Features.Get<CacheStatus>() is { Value: { } value } status)
        {
            if (value == "fwd=uri-miss" && IsEventStream(http.Response))
            {
                value = EventStreamBypass;
            }

            var stored = value == "fwd=uri-miss" && status.Context.AllowCacheStorage && Storable(http.Response) ? "; stored" : "";
            http.Response.Headers["Cache-Status"] = $"{CacheName}; {value}{stored}";
        }

        return Task.CompletedTask;
    }

    // Reads a small body once to hash it, then rewinds it for the downstream.
    // A body without a length, or longer than the bound, is not read at all:
    // bodies stream through the gateway, and caching never changes that.
    private static async Task<string?> HashBodyAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength is not { } length || length > MaxHashedBodyBytes)
        {
            return null;
        }

        request.EnableBuffering();
        var hash = await SHA256.HashDataAsync(request.Body, cancellation);
        request.Body.Position = 0;
        return Convert.ToHexString(hash);
    }

    /// <summary>What the cache did with this request, for the Cache-Status header.</summary>
    private sealed class CacheStatus(OutputCacheContext context)
    {
        public OutputCacheContext Context { get; } = context;

        public string? Value { get; set; }
    }
}
