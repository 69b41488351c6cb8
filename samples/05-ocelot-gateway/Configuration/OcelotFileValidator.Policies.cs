using Samples.OcelotGateway.Configuration.FileModel;

namespace Samples.OcelotGateway.Configuration;

/// <summary>The per-route policies: load balancing, rate limiting, caching, QoS, and the HttpClient options YARP owns.</summary>
internal sealed partial class OcelotFileValidator
{
    private OcelotLoadBalancerOptions LoadBalancer(FileLoadBalancerOptions lb, string path)
    {
        var typeName = Text(lb.Type);
        var type = OcelotLoadBalancerType.NoLoadBalancer;
        if (typeName is not null && !Enum.TryParse(typeName, ignoreCase: true, out type))
        {
            context.Error($"{path}.Type", $"\"{typeName}\" is not one of {string.Join(", ", Enum.GetNames<OcelotLoadBalancerType>())}");
        }

        var key = Text(lb.Key);
        var expiry = Milliseconds($"{path}.Expiry", lb.Expiry, min: 1);
        if (type == OcelotLoadBalancerType.CookieStickySessions)
        {
            if (key is null)
            {
                context.Error($"{path}.Key", "CookieStickySessions needs the name of the application's cookie");
            }

            if (expiry is null)
            {
                context.Error($"{path}.Expiry", "CookieStickySessions needs how long a session lasts, in milliseconds");
            }
        }

        WarnUnusedStickyKeys(type, key, expiry, path);
        RejectOtherKeys(lb, path);
        return new OcelotLoadBalancerOptions { Type = type, Key = key, Expiry = expiry ?? TimeSpan.Zero };
    }

    private OcelotRateLimitOptions RateLimit(FileRateLimitOptions rl, string path, bool global)
    {
        var headersFromDeprecated = UseOld(path, "EnableHeaders", rl.EnableHeaders is not null, "DisableRateLimitHeaders", rl.DisableRateLimitHeaders is not null, "(with the opposite value)");
        var waitFromDeprecated = UseOld(path, "Wait", rl.Wait is not null, "PeriodTimespan", rl.PeriodTimespan is not null, "(a duration such as \"10s\"; PeriodTimespan was in seconds)");
        TimeSpan? wait;
        if (waitFromDeprecated)
        {
            if (rl.PeriodTimespan < 0)
            {
                context.Error($"{path}.PeriodTimespan", "must not be negative");
            }

            wait = rl.PeriodTimespan >= 0 ? TimeSpan.FromSeconds(rl.PeriodTimespan.Value) : null;
        }
        else
        {
            wait = Duration($"{path}.Wait", rl.Wait);
        }

        if (!global && rl.RouteKeys is not null)
        {
            context.Error($"{path}.RouteKeys", "unknown key (not an Ocelot key this gateway supports; check its spelling)");
        }

        var policy = DotNetPolicy(rl, path, global);
        var options = new OcelotRateLimitOptions
        {
            PolicyName = policy,
            ClientIdHeader = HeaderName($"{path}.ClientIdHeader", rl.ClientIdHeader),
            ClientWhitelist = rl.ClientWhitelist ?? [],
            EnableRateLimiting = rl.EnableRateLimiting,
            EnableHeaders = headersFromDeprecated ? !rl.DisableRateLimitHeaders : rl.EnableHeaders,
            Limit = Range($"{path}.Limit", rl.Limit, min: 0) is > 0 and var limit ? limit : null,
            Period = Duration($"{path}.Period", rl.Period),
            Wait = wait,
            StatusCode = Range(StatusCodePath(), Renamed(path, "StatusCode", rl.StatusCode, "HttpStatusCode", rl.HttpStatusCode), 100, 999),
            QuotaMessage = Text(Renamed(path, "QuotaMessage", rl.QuotaMessage, "QuotaExceededMessage", rl.QuotaExceededMessage)),
            KeyPrefix = Text(Renamed(path, "KeyPrefix", rl.KeyPrefix, "RateLimitCounterPrefix", rl.RateLimitCounterPrefix)),
            RouteKeys = global ? rl.RouteKeys ?? [] : [],
        };
        if (options.Period is { } period && period <= TimeSpan.Zero)
        {
            context.Error($"{path}.Period", "must be longer than zero");
        }

        RejectOtherKeys(rl, path);
        return options;

        string StatusCodePath() => At(path, rl.StatusCode is null && rl.HttpStatusCode is not null ? "HttpStatusCode" : "StatusCode");
    }

    /// <summary>
    /// RateLimitMiddlewareType "DotNet": the ASP.NET Core rate-limiter policy the
    /// route names (as the name is written in Gateway:RateLimiterPolicies), or
    /// null for Ocelot's own fixed window.
    /// </summary>
    private string? DotNetPolicy(FileRateLimitOptions rl, string path, bool global)
    {
        var type = Text(rl.RateLimitMiddlewareType);
        var name = Text(rl.RateLimitPolicyName);
        if (type is not null && !type.Equals("Ocelot", StringComparison.OrdinalIgnoreCase) && !type.Equals("DotNet", StringComparison.OrdinalIgnoreCase))
        {
            context.Error($"{path}.RateLimitMiddlewareType", $"\"{type}\" is not Ocelot or DotNet");
            return null;
        }

        if (!"DotNet".Equals(type, StringComparison.OrdinalIgnoreCase))
        {
            if (name is not null)
            {
                context.Warn($"{path}.RateLimitPolicyName is ignored: it is read only with \"RateLimitMiddlewareType\": \"DotNet\"");
            }

            return null;
        }

        if (global)
        {
            context.Error($"{path}.RateLimitMiddlewareType", "give RateLimitMiddlewareType and RateLimitPolicyName on each route");
            return null;
        }

        var known = rateLimiterPolicies.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            var defined = rateLimiterPolicies.Count == 0 ? "none is defined" : $"defined: {string.Join(", ", rateLimiterPolicies)}";
            context.Error($"{path}.RateLimitPolicyName", name is null
                ? $"\"RateLimitMiddlewareType\": \"DotNet\" needs the name of a rate-limiter policy from Gateway:RateLimiterPolicies ({defined})"
                : $"no rate-limiter policy \"{name}\" in Gateway:RateLimiterPolicies ({defined})");
            return null;
        }

        foreach (var (key, given) in new[] { ("Limit", rl.Limit is not null), ("Period", rl.Period is not null), ("Wait", rl.Wait is not null), ("PeriodTimespan", rl.PeriodTimespan is not null) })
        {
            if (given)
            {
                context.Warn($"{path}.{key} is ignored: the rate-limiter policy \"{known}\" sets the limits of this route");
            }
        }

        var perClient = new[] { ("ClientIdHeader", Text(rl.ClientIdHeader) is not null), ("ClientWhitelist", rl.ClientWhitelist is { Count: > 0 }), ("KeyPrefix", Text(rl.KeyPrefix) is not null) };
        foreach (var (key, _) in perClient.Where(k => k.Item2))
        {
            context.Warn($"{path}.{key} is ignored: the rate-limiter policy \"{known}\" is one limiter for every client");
        }

        return known;
    }

    private OcelotCacheOptions Cache(FileCacheOptions c, string path)
    {
        var options = new OcelotCacheOptions
        {
            TtlSeconds = Range($"{path}.TtlSeconds", c.TtlSeconds, min: 0) ?? 0,
            Region = Text(c.Region),
            Header = HeaderName($"{path}.Header", c.Header),
            EnableContentHashing = c.EnableContentHashing,
        };
        WarnCacheOff(options, path);
        RejectOtherKeys(c, path);
        return options;
    }

    private OcelotQoSOptions QoS(FileQoSOptions q, string path)
    {
        var throughputKey = q.MinimumThroughput is null && q.ExceptionsAllowedBeforeBreaking is not null ? "ExceptionsAllowedBeforeBreaking" : "MinimumThroughput";
        var throughput = Range(At(path, throughputKey), Renamed(path, "MinimumThroughput", q.MinimumThroughput, "ExceptionsAllowedBeforeBreaking", q.ExceptionsAllowedBeforeBreaking), min: 0);
        if (throughput == 1)
        {
            context.Error(At(path, throughputKey), "must be 0 (no circuit breaker) or at least 2 (the smallest sample Polly's breaker judges)");
            throughput = null;
        }

        var ratio = q.FailureRatio;
        if (ratio is not null && (ratio <= 0 || ratio > 1))
        {
            context.Error($"{path}.FailureRatio", $"must be more than 0 and at most 1, found {ratio.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        var timeoutKey = q.Timeout is null && q.TimeoutValue is not null ? "TimeoutValue" : "Timeout";
        var breakKey = q.BreakDuration is null && q.DurationOfBreak is not null ? "DurationOfBreak" : "BreakDuration";
        var options = new OcelotQoSOptions
        {
            Timeout = Milliseconds(At(path, timeoutKey), Renamed(path, "Timeout", q.Timeout, "TimeoutValue", q.TimeoutValue), min: 1),
            MinimumThroughput = throughput is 0 ? null : throughput,
            BreakDuration = Milliseconds(At(path, breakKey), Renamed(path, "BreakDuration", q.BreakDuration, "DurationOfBreak", q.DurationOfBreak), min: 500),
            FailureRatio = ratio is > 0 and <= 1 ? ratio : null,
            SamplingDuration = Milliseconds($"{path}.SamplingDuration", q.SamplingDuration, min: 500),
        };
        RejectOtherKeys(q, path);
        return options;
    }

    // Ocelot's defaults here (no redirects followed, no cookie jar) are what YARP does anyway; the rest tune an HttpClient YARP owns.
    private void HttpHandler(FileHttpHandlerOptions? h, string path)
    {
        if (h is null)
        {
            return;
        }

        foreach (var (key, value) in new[] { ("AllowAutoRedirect", h.AllowAutoRedirect), ("UseCookieContainer", h.UseCookieContainer) })
        {
            if (value == true)
            {
                context.Error($"{path}.{key}", "a gateway passes redirects and cookies through to the client; YARP never follows or keeps them");
            }
        }

        var tuning = new[]
        {
            ("UseTracing", h.UseTracing), ("UseProxy", h.UseProxy), ("MaxConnectionsPerServer", h.MaxConnectionsPerServer),
            ("PooledConnectionLifetimeSeconds", h.PooledConnectionLifetimeSeconds), ("UseDefaultCredentials", h.UseDefaultCredentials),
        };
        foreach (var (key, _) in tuning.Where(t => t.Item2 is { ValueKind: not System.Text.Json.JsonValueKind.Null }))
        {
            context.Warn($"{path}.{key} is ignored: YARP configures its own outgoing HttpClient");
        }

        RejectOtherKeys(h, path);
    }

    // YARP relays an upgraded connection (ws, wss) byte for byte with its own 64 KiB buffers, so
    // Ocelot's frame buffer size, a throughput setting there, changes nothing a client can see here.
    private void WebSocket(FileWebSocketOptions? w, string path)
    {
        if (w is null)
        {
            return;
        }

        if (w.BufferSize is { } size)
        {
            if (size <= 0)
            {
                context.Error($"{path}.BufferSize", $"must be more than 0 bytes, found {size}");
            }
            else
            {
                context.Warn($"{path}.BufferSize is ignored: YARP relays an upgraded connection with its own 64 KiB buffers, and messages pass whole whatever the size");
            }
        }

        RejectOtherKeys(w, path);
    }

    // Turning certificate checks off is never offered; where the route has no certificate to check, the key is harmless.
    private void AcceptAnyCertificate(bool? accept, string scheme, string path)
    {
        if (accept is null)
        {
            return;
        }

        if (accept == false)
        {
            context.Warn($"{path} is ignored: false is what this gateway always does");
        }
        else if (scheme is "http" or "ws")
        {
            context.Warn($"{path} is ignored: the route reaches its downstream over plain {scheme}, where there is no certificate to check");
        }
        else
        {
            context.Error(path, "accepting any certificate is never offered; trust the downstream's CA instead (on Linux put its PEM in /usr/local/share/ca-certificates and run update-ca-certificates, or point SSL_CERT_FILE at a bundle that holds it)");
        }
    }
}
