using Microsoft.AspNetCore.Http.Extensions;

namespace Samples.SslTermination;

/// <summary>
/// Plain HTTP never reaches a backend: every request is answered 308 (method and
/// body kept, unlike 301/302) to the same path and query on the first HTTPS
/// address, with the port Kestrel really bound. Written here rather than with
/// UseHttpsRedirection, which cannot pick a port when two HTTPS listeners exist.
/// </summary>
public sealed class RedirectToHttps(RequestDelegate next, ListenerRoles roles)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps)
        {
            return next(context);
        }

        if (roles.Https is not { } https)
        {
            // The moments between binding and reading the bound ports back: nowhere to send yet.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        var host = context.Request.Host.HasValue ? context.Request.Host.Host : https.Host;
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = UriHelper.BuildAbsolute(
            "https", new HostString(host, https.Port), context.Request.PathBase, context.Request.Path, context.Request.QueryString);
        return Task.CompletedTask;
    }
}
