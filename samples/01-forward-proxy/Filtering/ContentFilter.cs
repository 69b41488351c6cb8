using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Samples.Scaffolding.Admin.RequestView;

namespace Samples.ForwardProxy;

/// <summary>
/// Refuses what the organisation has ruled out: first by host (the rule that
/// also guards CONNECT), then by URL pattern (which only plain HTTP can offer).
/// </summary>
public sealed class ContentFilter(IOptions<ForwardProxyOptions> options)
{
    private readonly HostFilter _blockedHosts = HostFilter.From(options.Value.Filter.BlockedHosts);
    private readonly UrlFilter _blockedUrls = UrlFilter.From(options.Value.Filter.BlockedUrlPatterns);

    /// <summary>The host rule that blocks <paramref name="host"/> (for a tunnel, all there is to judge by), or null.</summary>
    public string? BlockingHostRule(string host) =>
        _blockedHosts.Match(host) is { } pattern ? $"BlockedHosts {pattern}" : null;

    /// <summary>The rule that blocks <paramref name="target"/>, or null when it is allowed.</summary>
    public string? Decide(Uri target) =>
        BlockingHostRule(target.IdnHost)
        ?? (_blockedUrls.Match(target) is { } urlPattern ? $"BlockedUrlPatterns {urlPattern}" : null);
}

/// <summary>
/// The pipeline step that answers 403 naming the rule that matched. The rule is
/// written on the request's <see cref="ProxyRequestFeature"/> for the access log, and noted for the live view.
/// </summary>
public static class ContentFilterExtensions
{
    public static IApplicationBuilder UseContentFilter(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var feature = context.Features.GetRequiredFeature<ProxyRequestFeature>();
            feature.FilterRule = context.RequestServices.GetRequiredService<ContentFilter>().Decide(feature.Target);
            context.Features.Get<RequestRecord>()?.Note("filter", feature.FilterRule is null ? "allowed" : $"blocked by {feature.FilterRule}");
            if (feature.FilterRule is null)
            {
                await next(context);
                return;
            }

            var (contentType, body) = BlockPage.Render(feature.Target.AbsoluteUri, feature.FilterRule, context.Request.Headers.Accept);
            await ProxyAnswer.WriteAsync(context, StatusCodes.Status403Forbidden, body, contentType);
        });

    /// <summary>The filter, built once from ForwardProxy:Filter.</summary>
    public static IServiceCollection AddContentFilter(this IServiceCollection services) =>
        services.AddSingleton<ContentFilter>();
}
