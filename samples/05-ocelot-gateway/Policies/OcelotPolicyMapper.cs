using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.RateLimiterPolicies;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// Turns the Ocelot model into the policies' own rules: each route's rate
/// limit (with GlobalConfiguration's options as defaults), cache and QoS, and
/// each aggregate with the templates of the routes it calls.
/// </summary>
public static class OcelotPolicyMapper
{
    public static (IReadOnlyList<RoutePolicies> Routes, IReadOnlyList<AggregateRule> Aggregates, IReadOnlyList<OcelotConfigError> Errors) Map(
        OcelotConfiguration configuration,
        Func<OcelotRoute, string> routeIdOf)
    {
        var errors = new List<OcelotConfigError>();
        var routes = configuration.Routes.Select(route => new RoutePolicies(routeIdOf(route))
        {
            RateLimit = RateLimitFor(route, configuration.GlobalConfiguration.RateLimitOptions),
            PolicyRateLimit = PolicyRateLimitFor(route, configuration.GlobalConfiguration.RateLimitOptions),
            Cache = CacheFor(route),
            Qos = QosFor(route),
        }).ToList();

        var byKey = configuration.Routes.Where(r => r.Key is not null).GroupBy(r => r.Key!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var aggregates = new List<AggregateRule>();
        foreach (var aggregate in configuration.Aggregates)
        {
            var captured = OcelotPathTemplate.Placeholders(aggregate.UpstreamPathTemplate).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var parts = new List<AggregatePart>();
            for (var i = 0; i < aggregate.RouteKeys.Count; i++)
            {
                if (!byKey.TryGetValue(aggregate.RouteKeys[i], out var route))
                {
                    errors.Add(new OcelotConfigError($"{aggregate.Path}.RouteKeys[{i}]", $"no route has the Key \"{aggregate.RouteKeys[i]}\""));
                    continue;
                }

                // The gateway calls each part by its own upstream path, filled
                // with what the aggregate's path captured: every placeholder
                // the part needs must be captured there.
                var missing = OcelotPathTemplate.Placeholders(route.UpstreamPathTemplate).FirstOrDefault(p => !captured.Contains(p));
                if (missing is not null)
                {
                    errors.Add(new OcelotConfigError($"{aggregate.Path}.RouteKeys[{i}]", $"route \"{route.Key}\" needs {{{missing}}}, which the aggregate's UpstreamPathTemplate does not capture"));
                    continue;
                }

                parts.Add(new AggregatePart(route.Key!, route.UpstreamPathTemplate));
            }

            aggregates.Add(new AggregateRule(aggregate.UpstreamPathTemplate, parts)
            {
                UpstreamHost = aggregate.UpstreamHost,
                Priority = aggregate.Priority,
                RequestIdKey = configuration.GlobalConfiguration.RequestIdKey,
            });
        }

        // The aggregate middleware takes the first that matches: highest Priority first, then file order.
        return (routes, [.. aggregates.OrderByDescending(a => a.Priority)], errors);
    }

    /// <summary>
    /// The route's own options win; GlobalConfiguration fills what the route
    /// leaves out. The global Limit, Period and Wait reach only the routes its
    /// RouteKeys name (all routes when it names none); its other settings
    /// (client header, whitelist, status, message, headers, prefix) are
    /// defaults for every route.
    /// </summary>
    public static RateLimitRule? RateLimitFor(OcelotRoute route, OcelotRateLimitOptions? global)
    {
        var own = route.RateLimitOptions;
        if (own?.PolicyName is not null)
        {
            return null;
        }

        var globalCovers = global is not null && (global.RouteKeys.Count == 0 || (route.Key is not null && global.RouteKeys.Contains(route.Key, StringComparer.Ordinal)));
        if (own is null && !(globalCovers && global!.Limit is not null))
        {
            return null;
        }

        if ((own?.EnableRateLimiting ?? (globalCovers ? global!.EnableRateLimiting : null)) == false)
        {
            return null;
        }

        var limit = own?.Limit ?? (globalCovers ? global!.Limit : null);
        var period = own?.Period ?? (globalCovers ? global!.Period : null);
        if (limit is not { } l || period is not { } p)
        {
            return null;
        }

        return new RateLimitRule
        {
            Limit = l,
            Period = p,
            PeriodText = OcelotPeriod.Format(p),
            Wait = own?.Wait ?? (globalCovers ? global!.Wait : null) ?? TimeSpan.Zero,
            ClientIdHeader = own?.ClientIdHeader ?? global?.ClientIdHeader ?? RateLimitRule.DefaultClientIdHeader,
            ClientWhitelist = own is { ClientWhitelist.Count: > 0 } ? own.ClientWhitelist : global?.ClientWhitelist ?? [],
            StatusCode = own?.StatusCode ?? global?.StatusCode ?? StatusCodes.Status429TooManyRequests,
            QuotaMessage = own?.QuotaMessage ?? global?.QuotaMessage ?? RateLimitRule.DefaultQuotaMessage,
            EnableHeaders = own?.EnableHeaders ?? global?.EnableHeaders ?? true,
            KeyPrefix = own?.KeyPrefix ?? global?.KeyPrefix ?? "ocelot",
        };
    }

    /// <summary>
    /// A "DotNet" route: the ASP.NET Core policy it names does the counting;
    /// its refusals take the status, message and headers setting of the
    /// route's RateLimitOptions, else of GlobalConfiguration's.
    /// </summary>
    public static PolicyRateLimit? PolicyRateLimitFor(OcelotRoute route, OcelotRateLimitOptions? global) =>
        route.RateLimitOptions is { PolicyName: { } name, EnableRateLimiting: not false } own
            ? new PolicyRateLimit(name)
            {
                StatusCode = own.StatusCode ?? global?.StatusCode ?? StatusCodes.Status429TooManyRequests,
                QuotaMessage = own.QuotaMessage ?? global?.QuotaMessage ?? PolicyRateLimit.DefaultQuotaMessage,
                EnableHeaders = own.EnableHeaders ?? global?.EnableHeaders ?? true,
            }
            : null;

    public static CacheRule? CacheFor(OcelotRoute route) =>
        route.CacheOptions is { TtlSeconds: > 0 } cache
            ? new CacheRule
            {
                Ttl = TimeSpan.FromSeconds(cache.TtlSeconds),
                Region = string.IsNullOrWhiteSpace(cache.Region) ? CacheRule.DefaultRegion(route.UpstreamHttpMethod, route.UpstreamPathTemplate) : cache.Region,
                Header = cache.Header,
                EnableContentHashing = cache.EnableContentHashing ?? false,
            }
            : null;

    public static QosRule? QosFor(OcelotRoute route)
    {
        if (route.QoSOptions is not { } qos || (qos.Timeout is null && !qos.HasCircuitBreaker))
        {
            return null;
        }

        var defaults = new QosRule();
        return new QosRule
        {
            Timeout = qos.Timeout,
            MinimumThroughput = qos.MinimumThroughput ?? 0,
            BreakDuration = qos.BreakDuration ?? defaults.BreakDuration,
            FailureRatio = qos.FailureRatio ?? defaults.FailureRatio,
            SamplingDuration = qos.SamplingDuration ?? defaults.SamplingDuration,
        };
    }
}
