using System.Runtime.ExceptionServices;
using Samples.Scaffolding;

namespace Samples.LoadBalancing.Forwarding;

/// <summary>
/// YARP loads and checks its "ReverseProxy" section inside MapReverseProxy,
/// before the app starts, where the scaffolding cannot yet turn a refusal into
/// one line. These two steps hold such an error back and raise it when the app
/// starts (after the options checks, whose messages name the key), so that it
/// ends as every other configuration error does.
/// </summary>
public static class ProxyStartupErrors
{
    /// <summary>Before Build: the start-up step that raises an error held back by <see cref="MapReverseProxyChecked"/>.</summary>
    public static IReverseProxyBuilder RaiseConfigurationErrorsAtStart(this IReverseProxyBuilder proxy)
    {
        proxy.Services.AddSingleton<HeldError>();
        proxy.Services.AddHostedService<RaiseHeldError>();
        return proxy;
    }

    /// <summary>MapReverseProxy, holding back a configuration error (anything else is a bug and stays as it is).</summary>
    public static void MapReverseProxyChecked(this WebApplication app, Action<IReverseProxyApplicationBuilder> pipeline)
    {
        try
        {
            app.MapReverseProxy(pipeline);
        }
        catch (Exception ex) when (StartupErrors.Describe(ex) is not null)
        {
            app.Services.GetRequiredService<HeldError>().Error = ExceptionDispatchInfo.Capture(ex);
        }
    }

    private sealed class HeldError
    {
        public ExceptionDispatchInfo? Error { get; set; }
    }

    private sealed class RaiseHeldError(HeldError held) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            held.Error?.Throw();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
