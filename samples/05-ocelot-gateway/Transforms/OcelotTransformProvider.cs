using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.Routing;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Samples.OcelotGateway.Transforms;

/// <summary>
/// What happens to a request between the route match and the downstream, in
/// YARP transforms built once per route: the downstream path from
/// DownstreamPathTemplate, headers from claims (AddHeadersToRequest), and the
/// header transforms both ways. YARP's own X-Forwarded-* headers are turned
/// off, because Ocelot sends none; an Ocelot file asks for one explicitly
/// ("X-Forwarded-For": "{RemoteIpAddress}").
/// </summary>
public sealed partial class OcelotTransformProvider(OcelotRouteTable table) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        if (context.Route.RouteId is not { } id || table.Find(id) is not { } route)
        {
            return;
        }

        var global = table.Current.GlobalConfiguration;
        context.UseDefaultForwarders = false;
        context.AddRequestTransform(t => DownstreamPath(t, route));
        if (route.AddHeadersToRequest.Count > 0)
        {
            context.AddRequestTransform(t => ClaimsToHeaders(t, route));
        }

        if (route.UpstreamHeaderTransform.Count > 0)
        {
            context.AddRequestTransform(t => UpstreamHeaders(t, route, global));
        }

        if (route.DownstreamHeaderTransform.Count > 0)
        {
            context.AddResponseTransform(t => DownstreamHeaders(t, route, global));
        }
    }

    // "/api/orders/{id}" with the values the upstream template captured; a query part of the template is added to the client's query.
    private static ValueTask DownstreamPath(RequestTransformContext t, OcelotRoute route)
    {
        var values = t.HttpContext.Request.RouteValues;
        var parts = route.DownstreamPathTemplate.Split('?', 2);
        t.Path = new PathString(Fill(parts[0], values));
        if (parts.Length == 2)
        {
            foreach (var pair in parts[1].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                t.Query.Collection[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Fill(Uri.UnescapeDataString(kv[1]), values) : string.Empty;
            }
        }

        return ValueTask.CompletedTask;
    }

    // Ocelot replaces whatever the client sent in these headers, so a caller cannot pose as another user; a missing claim is a 403.
    private static ValueTask ClaimsToHeaders(RequestTransformContext t, OcelotRoute route)
    {
        foreach (var mapping in route.AddHeadersToRequest)
        {
            RequestTransform.RemoveHeader(t, mapping.HeaderName);
            var value = mapping.ValueFrom(t.HttpContext.User);
            if (value is null || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                t.HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
                return ValueTask.CompletedTask;
            }

            RequestTransform.AddHeader(t, mapping.HeaderName, value);
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask UpstreamHeaders(RequestTransformContext t, OcelotRoute route, OcelotGlobalConfiguration global)
    {
        foreach (var transform in route.UpstreamHeaderTransform)
        {
            var replacement = Placeholders(transform.Value, t.HttpContext, global, t.DestinationPrefix);
            if (transform.Find is null)
            {
                RequestTransform.RemoveHeader(t, transform.HeaderName);
                RequestTransform.AddHeader(t, transform.HeaderName, replacement);
                continue;
            }

            var existing = RequestTransform.TakeHeader(t, transform.HeaderName);
            if (!StringValues.IsNullOrEmpty(existing))
            {
                var find = Placeholders(transform.Find, t.HttpContext, global, t.DestinationPrefix);
                RequestTransform.AddHeader(t, transform.HeaderName, existing.ToString().Replace(find, replacement, StringComparison.Ordinal));
            }
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask DownstreamHeaders(ResponseTransformContext t, OcelotRoute route, OcelotGlobalConfiguration global)
    {
        var downstream = t.ProxyResponse?.RequestMessage?.RequestUri is { } uri ? uri.GetLeftPart(UriPartial.Authority) : null;
        foreach (var transform in route.DownstreamHeaderTransform)
        {
            var replacement = Placeholders(transform.Value, t.HttpContext, global, downstream);
            if (transform.Find is null)
            {
                ResponseTransform.SetHeader(t, transform.HeaderName, replacement);
                continue;
            }

            var existing = ResponseTransform.TakeHeader(t, transform.HeaderName);
            if (!StringValues.IsNullOrEmpty(existing))
            {
                var find = Placeholders(transform.Find, t.HttpContext, global, downstream);
                ResponseTransform.SetHeader(t, transform.HeaderName, existing.ToString().Replace(find, replacement, StringComparison.Ordinal));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>{BaseUrl} is GlobalConfiguration.BaseUrl, or the address the client used when that is not set.</summary>
    public static string BaseUrl(HttpContext context, OcelotGlobalConfiguration global) =>
        global.BaseUrl ?? $"{context.Request.Scheme}://{context.Request.Host}";

    private static string Placeholders(string value, HttpContext context, OcelotGlobalConfiguration global, string? downstreamBaseUrl)
    {
        if (!value.Contains('{', StringComparison.Ordinal))
        {
            return value;
        }

        return value
            .Replace("{RemoteIpAddress}", context.Connection.RemoteIpAddress?.ToString() ?? string.Empty, StringComparison.Ordinal)
            .Replace("{BaseUrl}", BaseUrl(context, global), StringComparison.Ordinal)
            .Replace("{DownstreamBaseUrl}", downstreamBaseUrl?.TrimEnd('/') ?? string.Empty, StringComparison.Ordinal);
    }

    private static string Fill(string template, RouteValueDictionary values) =>
        PlaceholderPattern().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v?.ToString() ?? string.Empty : string.Empty);

    [GeneratedRegex(@"\{([A-Za-z0-9_\-]+)\}")]
    private static partial Regex PlaceholderPattern();
}
