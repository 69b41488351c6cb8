using Microsoft.AspNetCore.Http.Features;

namespace Samples.ForwardProxy;

/// <summary>
/// The pipeline step that refuses what the organisation has ruled out: first by
/// host (the rule that also guards CONNECT), then by URL pattern (which only
/// plain HTTP can offer). The matched rule is written on the request's
/// <see cref="ProxyRequestFeature"/> for the access log.
/// </summary>
public static class ContentFilter
{
    public static IApplicationBuilder UseContentFilter(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<ForwardProxyOptions>();
        return app.Use(async (context, next) =>
        {
            var feature = context.Features.GetRequiredFeature<ProxyRequestFeature>();
            feature.FilterRule = Decide(options, feature.Target);
            if (feature.FilterRule is null)
            {
                await next(context);
                return;
            }

            var (contentType, body) = BlockPage.Render(feature.Target.AbsoluteUri, feature.FilterRule, context.Request.Headers.Accept);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body, context.RequestAborted);
        });
    }

    /// <summary>The rule that blocks <paramref name="target"/>, or null when it is allowed.</summary>
    public static string? Decide(ForwardProxyOptions options, Uri target)
    {
        if (options.BlockedHosts.Match(target.IdnHost) is { } hostPattern)
        {
            return $"BlockedHosts {hostPattern}";
        }

        if (options.BlockedUrlPatterns.Match(target) is { } urlPattern)
        {
            return $"BlockedUrlPatterns {urlPattern}";
        }

        return null;
    }
}
