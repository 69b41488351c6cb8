using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Samples.Scaffolding.HopByHop;

/// <summary>Wiring for the removal of headers named in Connection, shared by every sample.</summary>
public static class HopByHopExtensions
{
    /// <summary>
    /// Records each request head's raw Connection header on every listener, hands
    /// it to its request first thing in the pipeline, and removes the headers it
    /// names on every YARP route (both directions). A sample that sets its own
    /// endpoint defaults (01) calls <see cref="UseRequestHeadRecorder"/> itself.
    /// </summary>
    public static WebApplicationBuilder AddConnectionHeaderRemoval(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listener => listener.UseRequestHeadRecorder()));
        builder.Services.AddSingleton<IStartupFilter, TakeRawConnectionHeader>();
        builder.Services.AddSingleton<ITransformProvider, ConnectionHeaderTransforms>();
        return builder;
    }

    public static ListenOptions UseRequestHeadRecorder(this ListenOptions listener)
    {
        listener.Use(next => connection => RequestHeadRecorder.OnConnectionAsync(connection, next));
        return listener;
    }

    // Before any of the sample's own middleware, so that every request takes its own head off the queue.
    private sealed class TakeRawConnectionHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (RequestHeadRecorder.TakeFor(context) is { Count: > 0 } raw)
                {
                    context.Features.Set(new RawConnectionHeader(raw));
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
