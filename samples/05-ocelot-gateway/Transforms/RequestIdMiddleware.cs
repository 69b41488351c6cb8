using Samples.OcelotGateway.Routing;

namespace Samples.OcelotGateway.Transforms;

/// <summary>
/// Ocelot's RequestIdKey: a request that carries the header keeps its id (so
/// a trace spans the caller, the gateway and the downstream), and one without
/// it gets the gateway's own request id. Either way the id becomes this
/// request's TraceIdentifier and travels on to the downstream in that header.
/// A route's own RequestIdKey wins over the global one.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, OcelotRouteTable table)
{
    public Task InvokeAsync(HttpContext context)
    {
        var key = context.GetOcelotRoute()?.RequestIdKey ?? table.Current.GlobalConfiguration.RequestIdKey;
        if (key is not null && context.GetOcelotRoute() is not null)
        {
            var sent = context.Request.Headers[key].ToString();
            if (sent.Length > 0)
            {
                context.TraceIdentifier = sent;
            }
            else
            {
                context.Request.Headers[key] = context.TraceIdentifier;
            }
        }

        return next(context);
    }
}
