using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Timeouts;
using Yarp.ReverseProxy.Forwarder;

namespace Samples.ReverseProxy;

/// <summary>
/// Turns the proxy's own failures (no route, backend down, backend too slow,
/// body too large) into RFC 9457 problem details, and leaves the backends'
/// answers alone. The body is written by ASP.NET Core's status-code pages with
/// the problem-details service; this class only decides which responses get one
/// and what they say.
/// </summary>
public static class ProxyProblems
{
    /// <summary>
    /// A step for YARP's proxy pipeline: after forwarding, a successful exchange
    /// switches status-code pages off (a backend's own 404 or 500 is the backend's
    /// business), and a failed one gets the right status code.
    /// </summary>
    public static async Task AfterForwardingAsync(HttpContext context, Func<Task> next)
    {
        await next();

        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is null || error.Error == ForwarderError.None)
        {
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            return;
        }

        // A route's Timeout cancels the request the way a departing client would, so YARP reports
        // "request canceled". The timeout feature tells the two apart: it is the backend that was slow.
        var timeout = context.Features.Get<IHttpRequestTimeoutFeature>();
        if (timeout is not null && timeout.RequestTimeoutToken.IsCancellationRequested && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
        }
    }

    /// <summary>Fills in title and detail for the statuses the proxy produces itself. Never names a backend.</summary>
    public static void Describe(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("No route", "No route of this proxy matches the request's host and path."),
            StatusCodes.Status413PayloadTooLarge => ("Request body too large", "The request body is larger than this route accepts."),
            StatusCodes.Status502BadGateway => ("Bad gateway", "The backend for this route could not be reached or gave no valid answer."),
            StatusCodes.Status504GatewayTimeout => ("Gateway timeout", "The backend for this route did not answer in time."),
            _ => (context.ProblemDetails.Title, context.ProblemDetails.Detail),
        };
        context.ProblemDetails.Title = title;
        context.ProblemDetails.Detail = detail;
    }
}
