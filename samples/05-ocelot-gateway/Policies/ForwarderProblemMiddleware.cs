using Yarp.ReverseProxy.Forwarder;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// When the downstream call itself fails (refused, reset, too slow for the
/// cluster's ActivityTimeout), YARP sets the status (502, 504) and writes no
/// body; this step gives that answer a problem+json body, as 02 does, saying
/// what went wrong in general terms and never the downstream's address.
/// </summary>
public sealed class ForwarderProblemMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Features.Get<IForwarderErrorFeature>() is not { } failure
            || context.Response.HasStarted
            || context.Response.StatusCode < StatusCodes.Status500InternalServerError)
        {
            return;
        }

        // YARP answers 504 when the downstream outlived the cluster's ActivityTimeout, 502 otherwise.
        var title = context.Response.StatusCode == StatusCodes.Status504GatewayTimeout ? "The downstream service did not answer in time."
            : failure.Error == ForwarderError.Request ? "The downstream service could not be reached."
            : "The downstream service failed to answer.";
        await QosProblem.WriteAsync(context, context.Response.StatusCode, title);
    }
}
