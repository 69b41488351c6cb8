using Samples.OcelotGateway.Configuration.FileModel;

namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// Turns the file as written (<see cref="FileConfiguration"/>, which the
/// serializer filled) into the model the gateway runs, checking what the
/// serializer cannot: keys it did not know, values that cannot work
/// (placeholders, methods, ports, durations), names one part of the file
/// gives another. Every problem is collected with its JSON path, so a file
/// with several mistakes reports them all; deprecated names become warnings.
/// </summary>
internal sealed partial class OcelotFileValidator(OcelotLoadContext context, IReadOnlyCollection<string> schemes, IReadOnlyCollection<string> rateLimiterPolicies)
{
    private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
    };

    public OcelotConfiguration Validate(FileConfiguration file)
    {
        var routes = Entries("Routes", file.Routes).Select(e => Route(e.Item, e.Index)).ToList();
        var aggregates = Entries("Aggregates", file.Aggregates).Select(e => Aggregate(e.Item, e.Index)).ToList();
        var global = file.GlobalConfiguration is { } g ? Global(g) : new OcelotGlobalConfiguration();
        RejectOtherKeys(file, string.Empty, OcelotUnsupportedKeys.Root);
        CheckRouteKeys(routes, aggregates, global);
        WarnUnlimited(routes, global);
        return new OcelotConfiguration(routes, aggregates, global);
    }

    // Keys are names other parts of the file refer to.
    private void CheckRouteKeys(List<OcelotRoute> routes, List<OcelotAggregate> aggregates, OcelotGlobalConfiguration global)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in routes.Where(r => r.Key is not null && !keys.Add(r.Key)))
        {
            context.Error($"{route.Path}.Key", $"the key \"{route.Key}\" is used by another route; keys must be unique");
        }

        foreach (var aggregate in aggregates)
        {
            MustBeRouteKeys($"{aggregate.Path}.RouteKeys", aggregate.RouteKeys, keys);
        }

        if (global.RateLimitOptions is { } limits)
        {
            MustBeRouteKeys("GlobalConfiguration.RateLimitOptions.RouteKeys", limits.RouteKeys, keys);
        }
    }

    private void MustBeRouteKeys(string path, IReadOnlyList<string> names, HashSet<string> keys)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!keys.Contains(names[i]))
            {
                context.Error($"{path}[{i}]", $"no route has the Key \"{names[i]}\"");
            }
        }
    }

    private OcelotRoute Route(FileRoute r, int index)
    {
        var path = $"Routes[{index}]";
        var upstream = Template(path, "UpstreamPathTemplate", r.UpstreamPathTemplate, upstream: true);
        var downstream = Template(path, "DownstreamPathTemplate", r.DownstreamPathTemplate, upstream: false);
        if (upstream is not null && downstream is not null)
        {
            var known = OcelotPathTemplate.Placeholders(upstream).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var name in OcelotPathTemplate.Placeholders(downstream).Where(n => !known.Contains(n)))
            {
                context.Error($"{path}.DownstreamPathTemplate", $"placeholder {{{name}}} is not in UpstreamPathTemplate \"{upstream}\"");
            }
        }

        var methods = r.UpstreamHttpMethod ?? [];
        foreach (var method in methods.Where(m => !Methods.Contains(m)))
        {
            context.Error($"{path}.UpstreamHttpMethod", $"\"{method}\" is not an HTTP method ({string.Join(", ", Methods)})");
        }

        var hosts = r.UpstreamHost ?? [];
        foreach (var host in hosts.Where(h => !HostPattern().IsMatch(h)))
        {
            context.Error($"{path}.UpstreamHost", $"\"{host}\" is not a host name or host:port");
        }

        var scheme = Text(r.DownstreamScheme)?.ToLowerInvariant() ?? "http";
        if (scheme is not ("http" or "https" or "ws" or "wss"))
        {
            context.Error($"{path}.DownstreamScheme", $"\"{scheme}\" is not http, https, ws or wss");
        }

        var hostAndPorts = Entries($"{path}.DownstreamHostAndPorts", r.DownstreamHostAndPorts)
            .Select(e => HostAndPort(e.Item, $"{path}.DownstreamHostAndPorts[{e.Index}]")).OfType<OcelotHostAndPort>().ToList();
        if (hostAndPorts.Count == 0)
        {
            context.Error($"{path}.DownstreamHostAndPorts", "at least one { \"Host\": ..., \"Port\": ... } is needed (service discovery is not built in)");
        }

        var authentication = r.AuthenticationOptions is { } a ? Authentication(a, $"{path}.AuthenticationOptions") : new OcelotAuthenticationOptions();
        var claims = Map(path, "RouteClaimsRequirement", r.RouteClaimsRequirement);
        var claimHeaders = ClaimsToHeaders(path, r.AddHeadersToRequest);
        var needsToken = claims.Count > 0 ? "RouteClaimsRequirement" : claimHeaders.Count > 0 ? "AddHeadersToRequest" : authentication.AllowedScopes.Count > 0 ? "AuthenticationOptions.AllowedScopes" : null;
        if (authentication.AuthenticationProviderKeys.Count == 0 && needsToken is not null)
        {
            context.Error($"{path}.{needsToken}", "claims come from the caller's token: set AuthenticationOptions.AuthenticationProviderKeys on this route");
        }

        var cache = Renamed(path, "CacheOptions", r.CacheOptions, "FileCacheOptions", r.FileCacheOptions);
        var cachePath = At(path, r.CacheOptions is null && r.FileCacheOptions is not null ? "FileCacheOptions" : "CacheOptions");
        var route = new OcelotRoute
        {
            Index = index,
            UpstreamPathTemplate = upstream ?? "/",
            DownstreamPathTemplate = downstream ?? "/",
            UpstreamHttpMethod = [.. methods.Select(m => m.ToUpperInvariant()).Distinct()],
            UpstreamHost = hosts,
            DownstreamScheme = scheme,
            DownstreamHostAndPorts = hostAndPorts,
            Key = Text(r.Key),
            Priority = Range($"{path}.Priority", r.Priority, 0, 1000) ?? 1,
            RequestIdKey = HeaderName($"{path}.RequestIdKey", r.RequestIdKey),
            LoadBalancerOptions = r.LoadBalancerOptions is { } lb ? LoadBalancer(lb, $"{path}.LoadBalancerOptions") : new OcelotLoadBalancerOptions(),
            AuthenticationOptions = authentication,
            RouteClaimsRequirement = claims.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            AddHeadersToRequest = claimHeaders,
            UpstreamHeaderTransform = HeaderTransforms(path, "UpstreamHeaderTransform", r.UpstreamHeaderTransform),
            DownstreamHeaderTransform = HeaderTransforms(path, "DownstreamHeaderTransform", r.DownstreamHeaderTransform),
            RateLimitOptions = r.RateLimitOptions is { } rl ? RateLimit(rl, $"{path}.RateLimitOptions", global: false) : null,
            CacheOptions = cache is null ? null : Cache(cache, cachePath),
            QoSOptions = r.QoSOptions is { } q ? QoS(q, $"{path}.QoSOptions") : null,
        };
        HttpHandler(r.HttpHandlerOptions, $"{path}.HttpHandlerOptions");
        WebSocket(r.WebSocket, $"{path}.WebSocket");
        AcceptAnyCertificate(r.DangerousAcceptAnyServerCertificateValidator, scheme, $"{path}.DangerousAcceptAnyServerCertificateValidator");
        RejectOtherKeys(r, path, OcelotUnsupportedKeys.Route);
        return route;
    }

    private string? Template(string path, string key, string? template, bool upstream)
    {
        if (Text(template) is null)
        {
            context.Error(At(path, key), "required");
            return null;
        }

        if (OcelotPathTemplate.Problem(template!, upstream) is { } problem)
        {
            context.Error(At(path, key), $"\"{template}\": {problem}");
            return null;
        }

        return template;
    }

    private OcelotHostAndPort? HostAndPort(FileHostAndPort h, string path)
    {
        var host = Text(h.Host);
        if (host is null || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            context.Error($"{path}.Host", host is null ? "required" : $"\"{host}\" is not a host name or address");
        }

        var port = Range($"{path}.Port", h.Port, 1, 65535);
        if (h.Port is null)
        {
            context.Error($"{path}.Port", "required");
        }

        RejectOtherKeys(h, path);
        return host is null || port is null ? null : new OcelotHostAndPort(host, port.Value);
    }

    private OcelotAuthenticationOptions Authentication(FileAuthenticationOptions a, string path)
    {
        var keys = Renamed(path, "AuthenticationProviderKeys", a.AuthenticationProviderKeys, "AuthenticationProviderKey", a.AuthenticationProviderKey) ?? [];
        foreach (var key in keys.Where(k => !schemes.Contains(k)))
        {
            context.Error($"{path}.AuthenticationProviderKeys", $"no authentication scheme \"{key}\" is registered (this gateway registers {string.Join(", ", schemes.Select(s => $"\"{s}\""))})");
        }

        RejectOtherKeys(a, path, OcelotUnsupportedKeys.Authentication);
        return new OcelotAuthenticationOptions { AuthenticationProviderKeys = keys, AllowedScopes = a.AllowedScopes ?? [] };
    }

    private List<OcelotClaimToHeader> ClaimsToHeaders(string path, Dictionary<string, string?>? map)
    {
        var list = new List<OcelotClaimToHeader>();
        foreach (var (header, expression) in Map(path, "AddHeadersToRequest", map))
        {
            if (OcelotClaimToHeader.TryParse(header, expression) is { } claim)
            {
                list.Add(claim);
            }
            else
            {
                context.Error($"{path}.AddHeadersToRequest.{header}", $"\"{expression}\" is not \"Claims[type] > value\" or \"Claims[type] > value[index] > delimiter\"");
            }
        }

        return list;
    }

    private List<OcelotHeaderTransform> HeaderTransforms(string path, string key, Dictionary<string, string?>? map)
    {
        var list = new List<OcelotHeaderTransform>();
        foreach (var (header, value) in Map(path, key, map))
        {
            foreach (var placeholder in OcelotHeaderTransform.UnknownPlaceholders(value))
            {
                context.Error($"{path}.{key}.{header}", $"unknown placeholder {placeholder} (supported: {string.Join(", ", OcelotHeaderTransform.Placeholders)})");
            }

            list.Add(OcelotHeaderTransform.Parse(header, value));
        }

        return list;
    }

    private OcelotAggregate Aggregate(FileAggregateRoute a, int index)
    {
        var path = $"Aggregates[{index}]";
        var upstream = Template(path, "UpstreamPathTemplate", a.UpstreamPathTemplate, upstream: true);
        var keys = a.RouteKeys ?? [];
        if (keys.Count == 0)
        {
            context.Error($"{path}.RouteKeys", "an aggregate needs the Keys of the routes it calls");
        }

        var aggregate = new OcelotAggregate
        {
            Index = index,
            UpstreamPathTemplate = upstream ?? "/",
            RouteKeys = keys,
            UpstreamHost = a.UpstreamHost ?? [],
            Priority = Range($"{path}.Priority", a.Priority, 0, 1000) ?? 1,
        };
        RejectOtherKeys(a, path, OcelotUnsupportedKeys.Aggregate);
        return aggregate;
    }

    private OcelotGlobalConfiguration Global(FileGlobalConfiguration g)
    {
        const string path = "GlobalConfiguration";
        var baseUrl = Text(g.BaseUrl);
        if (baseUrl is not null && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            context.Error($"{path}.BaseUrl", $"\"{baseUrl}\" is not an absolute http or https URL");
            baseUrl = null;
        }

        var global = new OcelotGlobalConfiguration
        {
            BaseUrl = baseUrl?.TrimEnd('/'),
            RequestIdKey = HeaderName($"{path}.RequestIdKey", g.RequestIdKey),
            RateLimitOptions = g.RateLimitOptions is { } rl ? RateLimit(rl, $"{path}.RateLimitOptions", global: true) : null,
        };
        HttpHandler(g.HttpHandlerOptions, $"{path}.HttpHandlerOptions");
        RejectOtherKeys(g, path, OcelotUnsupportedKeys.Global);
        return global;
    }
}
