namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// Keys the model reads but that do nothing where they stand: each gets a
/// warning with its JSON path, so no key an Ocelot user wrote goes unused
/// without a word.
/// </summary>
internal sealed partial class OcelotFileValidator
{
    // Key and Expiry belong to CookieStickySessions; the other balancers have no session to pin.
    private void WarnUnusedStickyKeys(OcelotLoadBalancerType type, string? key, TimeSpan? expiry, string path)
    {
        if (type == OcelotLoadBalancerType.CookieStickySessions)
        {
            return;
        }

        foreach (var (name, given) in new[] { ("Key", key is not null), ("Expiry", expiry is not null) })
        {
            if (given)
            {
                context.Warn($"{path}.{name} is ignored: it is read only with \"Type\": \"CookieStickySessions\", and this route's balancer is {type}");
            }
        }
    }

    // TtlSeconds 0 (or left out) means "no caching"; the other keys then describe a cache that is never filled.
    private void WarnCacheOff(OcelotCacheOptions options, string path)
    {
        if (options.TtlSeconds == 0 && (options.Region is not null || options.Header is not null || options.EnableContentHashing == true))
        {
            context.Warn($"{path} is ignored: TtlSeconds is 0, so nothing is cached");
        }
    }

    // Ocelot's limiter needs Limit and Period, from the route or from GlobalConfiguration's options that cover it.
    private void WarnUnlimited(List<OcelotRoute> routes, OcelotGlobalConfiguration global)
    {
        var limits = global.RateLimitOptions;
        foreach (var route in routes)
        {
            if (route.RateLimitOptions is not { EnableRateLimiting: true, PolicyName: null } own)
            {
                continue;
            }

            var covered = limits is not null && (limits.RouteKeys.Count == 0 || (route.Key is not null && limits.RouteKeys.Contains(route.Key, StringComparer.Ordinal)));
            var limit = own.Limit ?? (covered ? limits!.Limit : null);
            var period = own.Period ?? (covered ? limits!.Period : null);
            if (limit is null || period is null)
            {
                context.Warn($"{route.Path}.RateLimitOptions.EnableRateLimiting is ignored: without {(limit is null ? "Limit" : "Period")} (here or in GlobalConfiguration.RateLimitOptions) there is no limit to apply; for an ASP.NET Core policy, add \"RateLimitMiddlewareType\": \"DotNet\"");
            }
        }
    }
}
