using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// Runs inside YARP's proxy pipeline, around the forwarding step, so it knows
/// the route and wraps exactly the downstream call. An open circuit answers
/// 503 at once and the downstream never sees the request; a call that outlives
/// the route's Timeout is cancelled and answered 503, as Ocelot does.
/// </summary>
public sealed class QosMiddleware(RequestDelegate next, GatewayPolicyStore store, QosPipelines pipelines)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var routeId = GatewayPolicyStore.RouteIdOf(context);
        if (routeId is null || store.For(routeId)?.Qos is not { } rule || !(rule.HasTimeout || rule.HasCircuitBreaker))
        {
            await next(context);
            return;
        }

        var clientAborted = context.RequestAborted;
        try
        {
            await pipelines.For(routeId, rule).ExecuteAsync(
                async token =>
                {
                    // YARP cancels its downstream call with the request's token:
                    // hand it Polly's, which also fires when the Timeout expires.
                    context.RequestAborted = token;
                    try
                    {
                        await next(context);
                    }
                    finally
                    {
                        context.RequestAborted = clientAborted;
                    }

                    if (clientAborted.IsCancellationRequested)
                    {
                        return QosPipelines.ClientClosedRequest;
                    }

                    // YARP turns a cancelled call into a 502 of its own; say
                    // "cancelled" so that Polly reports it as a timeout.
                    token.ThrowIfCancellationRequested();
                    return context.Response.StatusCode;
                },
                clientAborted);
        }
        catch (BrokenCircuitException)
        {
            await ServiceUnavailableAsync(context, "The circuit to the downstream service is open.");
        }
        catch (TimeoutRejectedException)
        {
            await ServiceUnavailableAsync(context, "The downstream service did not answer in time.");
        }
    }

    private static async Task ServiceUnavailableAsync(HttpContext context, string title)
    {
        if (context.Response.HasStarted)
        {
            // Too late for a status code: the only honest signal left is a broken connection.
            context.Abort();
            return;
        }

        context.Response.Clear();
        await QosProblem.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, title);
    }
}
