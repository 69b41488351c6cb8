using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Samples.Scaffolding.HopByHop;

/// <summary>
/// On every YARP route: headers named in Connection go no further, in either
/// direction. YARP already drops the fixed hop-by-hop set (Connection,
/// Keep-Alive, TE, Transfer-Encoding, Upgrade, ...), but not the names a
/// sender lists in Connection ("Connection: close, X-Secret"), which RFC 9110
/// §7.6.1 makes hop-by-hop for that one message.
/// </summary>
public sealed class ConnectionHeaderTransforms : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        context.AddRequestTransform(transform =>
        {
            foreach (var name in ConnectionHeaderNames.Tokens(ConnectionHeaderNames.RequestConnection(transform.HttpContext)))
            {
                if (IsToken(name))
                {
                    RequestTransform.RemoveHeader(transform, name);
                }
            }

            return ValueTask.CompletedTask;
        });

        // The backend's answer: HttpClient keeps every token of its Connection header.
        context.AddResponseTransform(transform =>
        {
            if (transform.ProxyResponse is { } response)
            {
                foreach (var name in ConnectionHeaderNames.Tokens(response.Headers.Connection))
                {
                    transform.HttpContext.Response.Headers.Remove(name);
                }
            }

            return ValueTask.CompletedTask;
        });
    }

    // A header name is an RFC 9110 token; anything else in Connection names no header to remove.
    private static bool IsToken(string name) => name.All(c => c < 127 && c > 32 && !"\"(),/:;<=>?@[\\]{}".Contains(c));
}
