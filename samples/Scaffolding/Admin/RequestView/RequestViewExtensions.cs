using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Samples.Scaffolding.Admin.RequestView;
using Yarp.ReverseProxy.Forwarder;

namespace Samples.Scaffolding.Admin;

/// <summary>Registration of the live request view (called once, by Sample.CreateBuilder, after AddSampleAdmin).</summary>
public static class RequestViewExtensions
{
    private const string YarpForwarder = "yarp";

    public static WebApplicationBuilder AddRequestView(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new RequestRing(sp.GetRequiredService<IOptions<AdminOptions>>().Value.Keep));
        services.AddSingleton(sp => new HeaderCapture(sp.GetRequiredService<IOptions<AdminOptions>>().Value.Redacted));
        services.AddSingleton(sp => new RecordingBudget(sp.GetRequiredService<IOptions<AdminOptions>>().Value.RecordPerSecond, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RequestRecorder>();
        services.AddSingleton<IStartupFilter, RequestRecorder.First>();
        services.AddSingleton<IAdminEndpoints, RequestViewEndpoints>();
        services.AddHostedService<TourAnnouncement>();

        // Every sample forwards through IHttpForwarder (YARP's middleware does, 01 calls it itself). Its type
        // is internal to YARP, so its registration is taken from a scratch collection and kept under a key;
        // the recording one goes in first, and YARP's own AddHttpForwarder (TryAdd) then leaves it there.
        var yarp = new ServiceCollection().AddHttpForwarder().Single(d => d.ServiceType == typeof(IHttpForwarder));
        services.Add(new ServiceDescriptor(typeof(IHttpForwarder), YarpForwarder, yarp.ImplementationType!, ServiceLifetime.Singleton));
        services.AddSingleton<IHttpForwarder>(sp => new RecordingForwarder(
            sp.GetRequiredKeyedService<IHttpForwarder>(YarpForwarder), sp.GetRequiredService<HeaderCapture>()));
        services.AddHttpForwarder();
        return builder;
    }
}
