using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;
using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.Routing;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// Answers an aggregate's upstream path by calling each of its routes in
/// parallel and merging their JSON under the routes' keys, as Ocelot does.
/// The parts go back through the gateway itself, over loopback, so each one
/// meets its own route's authentication, headers, rate limit, cache and QoS,
/// exactly as if the client had called it.
/// </summary>
/// <remarks>
/// A part that fails does not vanish: the answer becomes 502, keeps the
/// successful parts under their keys and puts
/// {"error": {"status": N, "title": "..."}} under the failed one.
/// </remarks>
public sealed class AggregateMiddleware(RequestDelegate next, GatewayPolicyStore store, IServer server, ILogger<AggregateMiddleware> logger) : IDisposable
{
    /// <summary>Marks the gateway's own calls to the parts, so a part can never be answered by an aggregate again.</summary>
    public const string PartHeader = "X-Gateway-Aggregate-Part";

    private static readonly HashSet<string> NotCopied = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade",
        "Proxy-Connection", "Proxy-Authorization", "Content-Length", "Content-Type", PartHeader,
    };

    // Merging means holding every part in memory, so a part is bounded; a
    // bigger one is reported as a failed part rather than exhausting memory.
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(100),
        MaxResponseContentBufferSize = 16 * 1024 * 1024,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Headers.ContainsKey(PartHeader) || Match(context.Request) is not { } match)
        {
            await next(context);
            return;
        }

        // A route that matched too keeps the request when its Priority is higher, as Ocelot ranks both together.
        var (aggregate, values) = match;
        if (context.GetOcelotRoute() is { } route && RankOf(route) > aggregate.Priority)
        {
            await next(context);
            return;
        }

        var self = SelfAddress();
        // The parts share the aggregate's request id, so the logs tie them together.
        if (aggregate.RequestIdKey is { } idKey && string.IsNullOrEmpty(context.Request.Headers[idKey]))
        {
            context.Request.Headers[idKey] = context.TraceIdentifier;
        }

        var parts = await Task.WhenAll(aggregate.Parts.Select(part => CallPartAsync(context, self, part, values)));

        var merged = new JsonObject();
        foreach (var part in parts)
        {
            merged[part.Key] = part.Body;
        }

        context.Response.StatusCode = parts.All(p => p.Ok) ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(merged.ToJsonString(), context.RequestAborted);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Fills a part's template with the values the aggregate's template captured.</summary>
    public static string FillTemplate(string template, IReadOnlyDictionary<string, object?> values)
    {
        var path = template;
        foreach (var (name, value) in values)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            var escaped = string.Join('/', text.Split('/').Select(Uri.EscapeDataString));
            path = path.Replace("{" + name + "}", escaped, StringComparison.OrdinalIgnoreCase);
        }

        return path;
    }

    private (AggregateRule Aggregate, RouteValueDictionary Values)? Match(HttpRequest request)
    {
        var path = request.Path;
        foreach (var aggregate in store.Aggregates)
        {
            if (aggregate.UpstreamHost.Count > 0 && !aggregate.UpstreamHost.Any(h =>
                string.Equals(h, request.Host.Value, StringComparison.OrdinalIgnoreCase) || string.Equals(h, request.Host.Host, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var values = new RouteValueDictionary();
            var matcher = new TemplateMatcher(TemplateParser.Parse(ToAspNetTemplate(aggregate.UpstreamPathTemplate)), []);
            if (matcher.TryMatch(path, values))
            {
                return (aggregate, values);
            }
        }

        return null;
    }

    // A lone "/{x}" catch-all ranks 0 whatever its Priority, as in Ocelot.
    private static int RankOf(OcelotRoute route) => OcelotPathTemplate.IsRootCatchAll(route.UpstreamPathTemplate) ? 0 : route.Priority;

    // Ocelot's {everything} matches the rest of the path; ASP.NET Core spells that {**everything}.
    private static string ToAspNetTemplate(string template) =>
        template.EndsWith("{everything}", StringComparison.OrdinalIgnoreCase)
            ? template[..^"{everything}".Length] + "{**everything}"
            : template;

    private async Task<PartResult> CallPartAsync(HttpContext context, Uri self, AggregatePart part, RouteValueDictionary values)
    {
        var target = new Uri(self, FillTemplate(part.UpstreamPathTemplate, values) + context.Request.QueryString);
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        foreach (var (name, header) in context.Request.Headers)
        {
            if (!NotCopied.Contains(name))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)header);
            }
        }

        // Keep the client's Host, so routes that match on UpstreamHost still match.
        request.Headers.Host = context.Request.Host.Value;
        request.Headers.TryAddWithoutValidation(PartHeader, part.Key);
        try
        {
            using var response = await _client.SendAsync(request, context.RequestAborted);
            var body = await response.Content.ReadAsStringAsync(context.RequestAborted);
            if (response.IsSuccessStatusCode)
            {
                return new PartResult(part.Key, true, ParseOrText(body));
            }

            return Failed(part.Key, (int)response.StatusCode, ReasonPhrases.GetReasonPhrase((int)response.StatusCode));
        }
        catch (TaskCanceledException ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            PolicyLog.AggregatePartFailed(logger, part.Key, target, ex.Message);
            return Failed(part.Key, StatusCodes.Status504GatewayTimeout, "The route did not answer in time.");
        }
        catch (HttpRequestException ex)
        {
            PolicyLog.AggregatePartFailed(logger, part.Key, target, ex.Message);
            return Failed(part.Key, StatusCodes.Status502BadGateway, "The route could not be reached.");
        }
    }

    private static PartResult Failed(string key, int status, string title) =>
        new(key, false, new JsonObject { ["error"] = new JsonObject { ["status"] = status, ["title"] = title } });

    // A part that is not JSON is kept as a JSON string rather than breaking the whole answer.
    private static JsonNode? ParseOrText(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return JsonValue.Create(body);
        }
    }

    // The gateway calls itself on the first address it listens on (a wildcard
    // listen address is reached through loopback).
    private Uri SelfAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Aggregates need the gateway to listen on a socket: no listening address is known.");
        var uri = new Uri(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            uri = new UriBuilder(uri) { Host = "127.0.0.1" }.Uri;
        }

        return uri;
    }

    private sealed record PartResult(string Key, bool Ok, JsonNode? Body);
}
