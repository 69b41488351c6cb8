using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// Reads ocelot.json (and ocelot.{Environment}.json over it) into the typed
/// model. Ocelot binds its file through ASP.NET Core configuration, which
/// ignores keys it does not know; a misspelt "UpstreamPathTemplte" then turns
/// into a route that never matches. This loader reads every key itself, so an
/// unknown one, or a value that cannot work, is reported with its JSON path.
/// </summary>
public static partial class OcelotConfigLoader
{
    public const string DefaultFileName = "ocelot.json";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
    };

    // Keys Ocelot knows that this gateway does not run, each with the reason a user is told.
    private static readonly Dictionary<string, string> UnsupportedRouteKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ServiceName"] = "service discovery (Consul, Eureka, Kubernetes) is not built in; list DownstreamHostAndPorts",
        ["ServiceNamespace"] = "service discovery is not built in; list DownstreamHostAndPorts",
        ["DelegatingHandlers"] = "delegating handlers are code registered with Ocelot; write ASP.NET Core middleware instead",
        ["DangerousAcceptAnyServerCertificateValidator"] = "accepting any certificate is never offered; trust the downstream's CA instead",
        ["AddClaimsToRequest"] = "claims transformation is not supported; use AddHeadersToRequest",
        ["AddQueriesToRequest"] = "claims to query string is not supported; use AddHeadersToRequest",
        ["DownstreamHttpMethod"] = "changing the method on the way down is not supported",
        ["DownstreamHttpVersion"] = "YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself",
        ["DownstreamHttpVersionPolicy"] = "YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself",
        ["RouteIsCaseSensitive"] = "ASP.NET Core routing matches paths case-insensitively, as Ocelot does by default",
        ["SecurityOptions"] = "IP allow and block lists are not supported",
        ["UpstreamHeaderTemplates"] = "routing on header templates is not supported",
        ["Timeout"] = "give the timeout as QoSOptions.Timeout",
        ["LoadBalancer"] = "the name before Ocelot 16; use LoadBalancerOptions.Type",
        ["Metadata"] = "route metadata is not supported",
    };

    private static readonly Dictionary<string, string> UnsupportedAggregateKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Aggregator"] = "custom aggregators are code registered with Ocelot; the built-in JSON merge is used",
        ["RouteKeysConfig"] = "joining parts by a JSON path is not supported",
        ["RouteIsCaseSensitive"] = "ASP.NET Core routing matches paths case-insensitively, as Ocelot does by default",
        ["UpstreamHttpMethod"] = "an aggregate answers GET only",
    };

    private static readonly Dictionary<string, string> UnsupportedGlobalKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ServiceDiscoveryProvider"] = "service discovery is not built in; list DownstreamHostAndPorts on each route",
        ["QoSOptions"] = "set QoSOptions on each route",
        ["LoadBalancerOptions"] = "set LoadBalancerOptions on each route",
        ["DownstreamScheme"] = "set DownstreamScheme on each route",
        ["DownstreamHttpVersion"] = "YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself",
        ["DownstreamHttpVersionPolicy"] = "YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself",
        ["CacheOptions"] = "set CacheOptions on each route",
        ["AuthenticationOptions"] = "set AuthenticationOptions on each route",
        ["SecurityOptions"] = "IP allow and block lists are not supported",
        ["Metadata"] = "metadata is not supported",
        ["MetadataOptions"] = "metadata is not supported",
    };

    private static readonly Dictionary<string, string> UnsupportedRootKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DynamicRoutes"] = "dynamic routing needs service discovery, which is not built in",
        ["ReRoutes"] = "the pre-16.0 name; rename it to Routes",
    };

    /// <summary>
    /// Loads <paramref name="path"/> and, when it exists beside it,
    /// ocelot.{environmentName}.json laid over it. Never throws for a bad
    /// file: the problems come back in the result.
    /// </summary>
    public static OcelotLoadResult Load(string path, string? environmentName, IReadOnlyCollection<string>? authenticationSchemes = null)
    {
        var files = new List<string> { path };
        if (!File.Exists(path))
        {
            return new OcelotLoadResult(null, [], [new OcelotConfigError("$", $"file not found: {path}")], files);
        }

        string? overlay = null;
        if (!string.IsNullOrEmpty(environmentName))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var environmentPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", $"{name}.{environmentName}.json");
            if (File.Exists(environmentPath))
            {
                files.Add(environmentPath);
                overlay = ReadAllText(environmentPath, out var overlayError);
                if (overlayError is not null)
                {
                    return new OcelotLoadResult(null, [], [overlayError], files);
                }
            }
        }

        var main = ReadAllText(path, out var error);
        return error is not null
            ? new OcelotLoadResult(null, [], [error], files)
            : Parse(main!, overlay, authenticationSchemes) with { Files = files };
    }

    /// <summary>
    /// Parses the text of ocelot.json, with an optional environment file laid
    /// over it the way ASP.NET Core configuration layers JSON files (Ocelot's
    /// documented way to add ocelot.{Environment}.json): a later file's value
    /// wins key by key, and arrays merge by position.
    /// </summary>
    public static OcelotLoadResult Parse(string json, string? environmentJson = null, IReadOnlyCollection<string>? authenticationSchemes = null)
    {
        var context = new OcelotLoadContext();
        var root = ParseObject(json, "the Ocelot file", context);
        if (root is not null && environmentJson is not null)
        {
            var overlay = ParseObject(environmentJson, "the environment file", context);
            if (overlay is not null)
            {
                Merge(root, overlay);
            }
        }

        if (root is null)
        {
            return new OcelotLoadResult(null, context.Warnings, context.Errors, []);
        }

        var configuration = ReadRoot(new JsonObjectReader(root, string.Empty, context), authenticationSchemes ?? ["Bearer"]);
        return context.Errors.Count == 0
            ? new OcelotLoadResult(configuration, context.Warnings, [], [])
            : new OcelotLoadResult(null, context.Warnings, context.Errors, []);
    }

    private static string? ReadAllText(string path, out OcelotConfigError? error)
    {
        try
        {
            error = null;
            return File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            error = new OcelotConfigError("$", $"cannot read {path}: {ex.Message}");
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            error = new OcelotConfigError("$", $"cannot read {path}: {ex.Message}");
            return null;
        }
    }

    private static JsonObject? ParseObject(string json, string source, OcelotLoadContext context)
    {
        try
        {
            if (JsonNode.Parse(json, documentOptions: DocumentOptions) is JsonObject obj)
            {
                return HasDuplicateKeys(obj, "$", source, context) ? null : obj;
            }

            context.Error("$", $"{source} must hold one JSON object");
        }
        catch (JsonException ex)
        {
            context.Error(ex.Path ?? "$", $"{source} is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }

        return null;
    }

    // A key given twice in one object would leave one of its values silently unused.
    private static bool HasDuplicateKeys(JsonNode? node, string path, string source, OcelotLoadContext context)
    {
        switch (node)
        {
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>> pairs;
                try
                {
                    pairs = [.. obj];
                }
                catch (ArgumentException)
                {
                    context.Error(path, $"a key appears twice in this object of {source}");
                    return true;
                }

                var duplicate = pairs.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    context.Error(path == "$" ? duplicate.Key : $"{path}.{duplicate.Key}", $"the key appears twice (keys ignore case) in {source}");
                    return true;
                }

                return pairs.Any(p => HasDuplicateKeys(p.Value, path == "$" ? p.Key : $"{path}.{p.Key}", source, context));
            case JsonArray array:
                return array.Select((item, i) => HasDuplicateKeys(item, $"{path}[{i}]", source, context)).Any(b => b);
            default:
                return false;
        }
    }

    private static void Merge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay.ToList())
        {
            var existingKey = target.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            var existing = existingKey is null ? null : target[existingKey];
            if (existing is JsonObject targetObject && value is JsonObject overlayObject)
            {
                Merge(targetObject, overlayObject);
            }
            else if (existing is JsonArray targetArray && value is JsonArray overlayArray)
            {
                for (var i = 0; i < overlayArray.Count; i++)
                {
                    var item = overlayArray[i]?.DeepClone();
                    if (i < targetArray.Count && targetArray[i] is JsonObject a && item is JsonObject b)
                    {
                        Merge(a, b);
                    }
                    else if (i < targetArray.Count)
                    {
                        targetArray[i] = item;
                    }
                    else
                    {
                        targetArray.Add(item);
                    }
                }
            }
            else
            {
                if (existingKey is not null)
                {
                    target.Remove(existingKey);
                }

                target[key] = value?.DeepClone();
            }
        }
    }

    private static OcelotConfiguration ReadRoot(JsonObjectReader root, IReadOnlyCollection<string> schemes)
    {
        var routes = root.Objects("Routes").Select((r, i) => ReadRoute(r, i, schemes)).ToList();
        var aggregates = root.Objects("Aggregates").Select(ReadAggregate).ToList();
        var global = root.Object("GlobalConfiguration") is { } g ? ReadGlobal(g) : new OcelotGlobalConfiguration();
        root.RejectUnread(UnsupportedRootKeys);

        // Cross-checks: keys are names other parts of the file refer to.
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in routes.Where(r => r.Key is not null))
        {
            if (!keys.Add(route.Key!))
            {
                root.Error($"{route.Path}.Key", $"the key \"{route.Key}\" is used by another route; keys must be unique");
            }
        }

        foreach (var aggregate in aggregates)
        {
            for (var i = 0; i < aggregate.RouteKeys.Count; i++)
            {
                if (!keys.Contains(aggregate.RouteKeys[i]))
                {
                    root.Error($"{aggregate.Path}.RouteKeys[{i}]", $"no route has the Key \"{aggregate.RouteKeys[i]}\"");
                }
            }
        }

        if (global.RateLimitOptions is { } limits)
        {
            for (var i = 0; i < limits.RouteKeys.Count; i++)
            {
                if (!keys.Contains(limits.RouteKeys[i]))
                {
                    root.Error($"GlobalConfiguration.RateLimitOptions.RouteKeys[{i}]", $"no route has the Key \"{limits.RouteKeys[i]}\"");
                }
            }
        }

        return new OcelotConfiguration(routes, aggregates, global);
    }

    private static OcelotRoute ReadRoute(JsonObjectReader r, int index, IReadOnlyCollection<string> schemes)
    {
        var upstream = RequiredTemplate(r, "UpstreamPathTemplate", upstream: true);
        var downstream = RequiredTemplate(r, "DownstreamPathTemplate", upstream: false);
        if (upstream is not null && downstream is not null)
        {
            var known = OcelotPathTemplate.Placeholders(upstream).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var name in OcelotPathTemplate.Placeholders(downstream).Where(n => !known.Contains(n)))
            {
                r.Error("DownstreamPathTemplate", $"placeholder {{{name}}} is not in UpstreamPathTemplate \"{upstream}\"");
            }
        }

        var methods = r.Strings("UpstreamHttpMethod");
        foreach (var method in methods.Where(m => !Methods.Contains(m)))
        {
            r.Error("UpstreamHttpMethod", $"\"{method}\" is not an HTTP method ({string.Join(", ", Methods)})");
        }

        var hosts = r.Strings("UpstreamHost");
        foreach (var host in hosts.Where(h => !HostPattern().IsMatch(h)))
        {
            r.Error("UpstreamHost", $"\"{host}\" is not a host name or host:port");
        }

        var scheme = r.String("DownstreamScheme")?.ToLowerInvariant() ?? "http";
        if (scheme is not ("http" or "https" or "ws" or "wss"))
        {
            r.Error("DownstreamScheme", $"\"{scheme}\" is not http, https, ws or wss");
        }

        var hostAndPorts = r.Objects("DownstreamHostAndPorts").Select(ReadHostAndPort).OfType<OcelotHostAndPort>().ToList();
        if (hostAndPorts.Count == 0)
        {
            r.Error("DownstreamHostAndPorts", "at least one { \"Host\": ..., \"Port\": ... } is needed (service discovery is not built in)");
        }

        var authentication = r.Object("AuthenticationOptions") is { } a ? ReadAuthentication(a, schemes) : new OcelotAuthenticationOptions();
        var claims = r.StringMap("RouteClaimsRequirement");
        var claimHeaders = ReadClaimsToHeaders(r);
        if (authentication.AuthenticationProviderKeys.Count == 0 && (claims.Count > 0 || claimHeaders.Count > 0))
        {
            r.Error(claims.Count > 0 ? "RouteClaimsRequirement" : "AddHeadersToRequest", "claims come from the caller's token: set AuthenticationOptions.AuthenticationProviderKeys on this route");
        }

        var route = new OcelotRoute
        {
            Index = index,
            UpstreamPathTemplate = upstream ?? "/",
            DownstreamPathTemplate = downstream ?? "/",
            UpstreamHttpMethod = [.. methods.Select(m => m.ToUpperInvariant()).Distinct()],
            UpstreamHost = hosts,
            DownstreamScheme = scheme,
            DownstreamHostAndPorts = hostAndPorts,
            Key = r.String("Key"),
            Priority = r.Int("Priority", 0, 1000) ?? 1,
            RequestIdKey = HeaderName(r, "RequestIdKey"),
            LoadBalancerOptions = r.Object("LoadBalancerOptions") is { } lb ? ReadLoadBalancer(lb) : new OcelotLoadBalancerOptions(),
            AuthenticationOptions = authentication,
            RouteClaimsRequirement = claims.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            AddHeadersToRequest = claimHeaders,
            UpstreamHeaderTransform = ReadHeaderTransforms(r, "UpstreamHeaderTransform"),
            DownstreamHeaderTransform = ReadHeaderTransforms(r, "DownstreamHeaderTransform"),
            RateLimitOptions = r.Object("RateLimitOptions") is { } rl ? ReadRateLimit(rl, global: false) : null,
            CacheOptions = r.Object("CacheOptions", "FileCacheOptions") is { } c ? ReadCache(c) : null,
            QoSOptions = r.Object("QoSOptions") is { } q ? ReadQoS(q) : null,
        };
        if (r.Object("HttpHandlerOptions") is { } handler)
        {
            ReadHttpHandlerOptions(handler);
        }

        r.RejectUnread(UnsupportedRouteKeys);
        return route;
    }

    private static string? RequiredTemplate(JsonObjectReader r, string key, bool upstream)
    {
        var template = r.String(key);
        if (template is null)
        {
            r.Error(key, "required");
            return null;
        }

        if (OcelotPathTemplate.Problem(template, upstream) is { } problem)
        {
            r.Error(key, $"\"{template}\": {problem}");
            return null;
        }

        return template;
    }

    private static OcelotHostAndPort? ReadHostAndPort(JsonObjectReader r)
    {
        var host = r.String("Host");
        var port = r.Int("Port", 1, 65535);
        if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            r.Error("Host", host is null ? "required" : $"\"{host}\" is not a host name or address");
        }

        if (port is null && r.Take("Port").Node is null)
        {
            r.Error("Port", "required");
        }

        r.RejectUnread();
        return host is null || port is null ? null : new OcelotHostAndPort(host, port.Value);
    }

    private static OcelotLoadBalancerOptions ReadLoadBalancer(JsonObjectReader r)
    {
        var typeName = r.String("Type");
        var type = OcelotLoadBalancerType.NoLoadBalancer;
        if (typeName is not null && !Enum.TryParse(typeName, ignoreCase: true, out type))
        {
            r.Error("Type", $"\"{typeName}\" is not one of {string.Join(", ", Enum.GetNames<OcelotLoadBalancerType>())}");
        }

        var key = r.String("Key");
        var expiry = r.Milliseconds("Expiry", min: 1);
        if (type == OcelotLoadBalancerType.CookieStickySessions)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                r.Error("Key", "CookieStickySessions needs the name of the application's cookie");
            }

            if (expiry is null)
            {
                r.Error("Expiry", "CookieStickySessions needs how long a session lasts, in milliseconds");
            }
        }

        r.RejectUnread();
        return new OcelotLoadBalancerOptions { Type = type, Key = key, Expiry = expiry ?? TimeSpan.Zero };
    }

    private static OcelotAuthenticationOptions ReadAuthentication(JsonObjectReader r, IReadOnlyCollection<string> schemes)
    {
        var keys = r.Strings("AuthenticationProviderKeys", "AuthenticationProviderKey")
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .ToList();
        foreach (var key in keys.Where(k => !schemes.Contains(k)))
        {
            r.Error("AuthenticationProviderKeys", $"no authentication scheme \"{key}\" is registered (this gateway registers {string.Join(", ", schemes.Select(s => $"\"{s}\""))})");
        }

        var scopes = r.Strings("AllowedScopes");
        r.RejectUnread(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["AllowAnonymous"] = "leave AuthenticationOptions out of a route that needs no token",
        });
        return new OcelotAuthenticationOptions { AuthenticationProviderKeys = keys, AllowedScopes = scopes };
    }

    private static List<OcelotClaimToHeader> ReadClaimsToHeaders(JsonObjectReader r)
    {
        var list = new List<OcelotClaimToHeader>();
        foreach (var (header, expression) in r.StringMap("AddHeadersToRequest"))
        {
            var match = ClaimExpression().Match(expression);
            if (!match.Success)
            {
                r.Error($"AddHeadersToRequest.{header}", $"\"{expression}\" is not \"Claims[type] > value\" or \"Claims[type] > value[index] > delimiter\"");
                continue;
            }

            int? index = match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
            var delimiter = match.Groups["delimiter"].Success ? match.Groups["delimiter"].Value : null;
            list.Add(new OcelotClaimToHeader(header, match.Groups["claim"].Value.Trim(), index, delimiter));
        }

        return list;
    }

    private static List<OcelotHeaderTransform> ReadHeaderTransforms(JsonObjectReader r, string key)
    {
        var list = new List<OcelotHeaderTransform>();
        foreach (var (header, value) in r.StringMap(key))
        {
            foreach (Match placeholder in AnyPlaceholder().Matches(value))
            {
                if (!OcelotHeaderTransform.Placeholders.Contains(placeholder.Value))
                {
                    r.Error($"{key}.{header}", $"unknown placeholder {placeholder.Value} (supported: {string.Join(", ", OcelotHeaderTransform.Placeholders)})");
                }
            }

            // Ocelot's rule: a comma makes it "find, replace"; anything else is a value to set.
            var comma = value.IndexOf(',', StringComparison.Ordinal);
            list.Add(comma < 0
                ? new OcelotHeaderTransform(header, null, value)
                : new OcelotHeaderTransform(header, value[..comma], value[(comma + 1)..].TrimStart()));
        }

        return list;
    }

    private static OcelotRateLimitOptions ReadRateLimit(JsonObjectReader r, bool global)
    {
        var disableHeaders = r.Take("EnableHeaders", "DisableRateLimitHeaders", "(with the opposite value)");
        var enableHeaders = r.AsBool(disableHeaders);
        var waitNode = r.Take("Wait", "PeriodTimespan", "(a duration such as \"10s\"; PeriodTimespan was in seconds)");
        TimeSpan? wait;
        if (waitNode.FromDeprecated)
        {
            var seconds = r.AsNumber(waitNode);
            if (seconds is < 0)
            {
                r.Error("PeriodTimespan", "must not be negative");
            }

            wait = seconds is >= 0 ? TimeSpan.FromSeconds(seconds.Value) : null;
        }
        else
        {
            wait = r.Duration(waitNode);
        }

        var options = new OcelotRateLimitOptions
        {
            ClientIdHeader = HeaderName(r, "ClientIdHeader"),
            ClientWhitelist = r.Strings("ClientWhitelist"),
            EnableRateLimiting = r.Bool("EnableRateLimiting"),
            EnableHeaders = disableHeaders.FromDeprecated ? !enableHeaders : enableHeaders,
            Limit = r.Int("Limit", min: 0) is > 0 and var limit ? limit : null,
            Period = r.Duration(r.Take("Period")),
            Wait = wait,
            StatusCode = r.Int("StatusCode", 100, 999, deprecatedKey: "HttpStatusCode"),
            QuotaMessage = r.String("QuotaMessage", "QuotaExceededMessage"),
            KeyPrefix = r.String("KeyPrefix", "RateLimitCounterPrefix"),
            RouteKeys = global ? r.Strings("RouteKeys") : [],
        };
        if (options.Period is { } period && period <= TimeSpan.Zero)
        {
            r.Error("Period", "must be longer than zero");
        }

        r.RejectUnread();
        return options;
    }

    // Ocelot's defaults here (no redirects followed, no cookie jar) are what YARP does anyway; the rest tune an HttpClient YARP owns.
    private static void ReadHttpHandlerOptions(JsonObjectReader r)
    {
        foreach (var key in new[] { "AllowAutoRedirect", "UseCookieContainer" })
        {
            if (r.Bool(key) == true)
            {
                r.Error(key, "a gateway passes redirects and cookies through to the client; YARP never follows or keeps them");
            }
        }

        foreach (var key in new[] { "UseTracing", "UseProxy", "MaxConnectionsPerServer", "PooledConnectionLifetimeSeconds" })
        {
            if (r.Take(key).Node is not null)
            {
                r.Warn($"{r.PathOf(key)} is ignored: YARP configures its own outgoing HttpClient");
            }
        }

        r.RejectUnread();
    }

    private static OcelotCacheOptions ReadCache(JsonObjectReader r)
    {
        var options = new OcelotCacheOptions
        {
            TtlSeconds = r.Int("TtlSeconds", min: 0) ?? 0,
            Region = r.String("Region"),
            Header = HeaderName(r, "Header"),
            EnableContentHashing = r.Bool("EnableContentHashing"),
        };
        r.RejectUnread();
        return options;
    }

    private static OcelotQoSOptions ReadQoS(JsonObjectReader r)
    {
        var throughputNode = r.Take("MinimumThroughput", "ExceptionsAllowedBeforeBreaking");
        var throughput = r.AsInt(throughputNode, min: 0);
        if (throughput == 1)
        {
            r.Error(throughputNode.Path[(r.Path.Length + 1)..], "must be 0 (no circuit breaker) or at least 2 (the smallest sample Polly's breaker judges)");
            throughput = null;
        }

        var ratio = r.AsNumber(r.Take("FailureRatio"));
        if (ratio is not null && (ratio <= 0 || ratio > 1))
        {
            r.Error("FailureRatio", $"must be more than 0 and at most 1, found {ratio}");
        }

        var options = new OcelotQoSOptions
        {
            Timeout = r.Milliseconds("Timeout", min: 1, deprecatedKey: "TimeoutValue"),
            MinimumThroughput = throughput is 0 ? null : throughput,
            BreakDuration = r.Milliseconds("BreakDuration", min: 500, deprecatedKey: "DurationOfBreak"),
            FailureRatio = ratio is > 0 and <= 1 ? ratio : null,
            SamplingDuration = r.Milliseconds("SamplingDuration", min: 500),
        };
        r.RejectUnread();
        return options;
    }

    private static OcelotAggregate ReadAggregate(JsonObjectReader r, int index)
    {
        var upstream = RequiredTemplate(r, "UpstreamPathTemplate", upstream: true);
        var keys = r.Strings("RouteKeys");
        if (keys.Count == 0)
        {
            r.Error("RouteKeys", "an aggregate needs the Keys of the routes it calls");
        }

        var hosts = r.Strings("UpstreamHost");
        var aggregate = new OcelotAggregate
        {
            Index = index,
            UpstreamPathTemplate = upstream ?? "/",
            RouteKeys = keys,
            UpstreamHost = hosts,
            Priority = r.Int("Priority", 0, 1000) ?? 1,
        };
        r.RejectUnread(UnsupportedAggregateKeys);
        return aggregate;
    }

    private static OcelotGlobalConfiguration ReadGlobal(JsonObjectReader r)
    {
        var baseUrl = r.String("BaseUrl");
        if (baseUrl is not null && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            r.Error("BaseUrl", $"\"{baseUrl}\" is not an absolute http or https URL");
            baseUrl = null;
        }

        var global = new OcelotGlobalConfiguration
        {
            BaseUrl = baseUrl?.TrimEnd('/'),
            RequestIdKey = HeaderName(r, "RequestIdKey"),
            RateLimitOptions = r.Object("RateLimitOptions") is { } rl ? ReadRateLimit(rl, global: true) : null,
        };
        if (r.Object("HttpHandlerOptions") is { } handler)
        {
            ReadHttpHandlerOptions(handler);
        }

        r.RejectUnread(UnsupportedGlobalKeys);
        return global;
    }

    private static string? HeaderName(JsonObjectReader r, string key)
    {
        var name = r.String(key);
        if (name is not null && !TokenPattern().IsMatch(name))
        {
            r.Error(key, $"\"{name}\" is not a valid header name");
            return null;
        }

        return name;
    }

    [GeneratedRegex(@"^\s*Claims\[(?<claim>[^\]]+)\]\s*>\s*value(?:\s*\[(?<index>\d+)\]\s*>\s*(?<delimiter>\S+))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimExpression();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex AnyPlaceholder();

    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9.\-]+(:\d{1,5})?$")]
    private static partial Regex HostPattern();
}
