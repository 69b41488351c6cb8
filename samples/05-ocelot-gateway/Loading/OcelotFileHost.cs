using Microsoft.Extensions.Options;
using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.Policies;
using Samples.OcelotGateway.Routing;
using Samples.OcelotGateway.Settings;
using Samples.Scaffolding;

namespace Samples.OcelotGateway.Loading;

/// <summary>
/// The Ocelot file in force. It is read strictly when the gateway starts,
/// before its first request; a configuration's policies go in force first and
/// its routes right after (so a route never runs without them). A file that
/// does not load stops start-up, naming its JSON path. Then, unless
/// Gateway:HotReload is false, every good edit of the file is applied live and
/// a bad one is rejected with one log line, the last good file staying in force.
/// </summary>
public sealed class OcelotFileHost(
    IOptionsMonitor<GatewayOptions> options,
    IHostEnvironment environment,
    OcelotRouteTable routes,
    GatewayPolicyStore policies,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    /// <summary>The file read at start-up (null until then).</summary>
    public OcelotFileSource? Source { get; private set; }

    /// <summary>The files the configuration in force came from (ocelot.json, then ocelot.{Environment}.json).</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    /// <summary>The hot-reload watcher, once the gateway has started (null with Gateway:HotReload=false).</summary>
    public OcelotFileWatcher? Watcher { get; private set; }

    /// <summary>Reads the file and puts it in force before the gateway takes its first request.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The current value, not one taken when the app was built: the demo tour points Gateway:ConfigFile at a copy after that.
        var gateway = options.CurrentValue;
        Source = new OcelotFileSource(gateway.ConfigFilePath(environment.ContentRootPath), environment.EnvironmentName, [.. gateway.RateLimiterPolicies.Keys]);
        var loaded = Source.Load();
        var configuration = loaded.GetOrThrow();
        var errors = Apply(configuration);
        if (errors.Count > 0)
        {
            throw StartupException.ForKey(errors[0].Path, errors[0].Reason);
        }

        // Name the file the learner actually gave (--Gateway:ConfigFile), not the default's name.
        var logger = loggers.CreateLogger<OcelotFileHost>();
        var fileNames = string.Join(" + ", loaded.Files.Select(Path.GetFileName));
        foreach (var warning in loaded.Warnings)
        {
            OcelotFileLog.FileWarning(logger, fileNames, warning);
        }

        Files = loaded.Files;
        OcelotFileLog.Loaded(logger, configuration.Routes.Count, configuration.Aggregates.Count, string.Join(" + ", loaded.Files));
        if (gateway.HotReload)
        {
            Watcher = new OcelotFileWatcher(Source.Path, Source.Load, Apply, loggers.CreateLogger("Samples.OcelotGateway.HotReload"));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Watcher?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => Watcher?.Dispose();

    // Policies first, then routes: both or neither.
    private IReadOnlyList<OcelotConfigError> Apply(OcelotConfiguration configuration)
    {
        var (routePolicies, aggregates, errors) = OcelotPolicyMapper.Map(configuration, OcelotToYarp.RouteId);
        if (errors.Count == 0)
        {
            policies.Update(routePolicies, aggregates);
            routes.Apply(configuration);
        }

        return errors;
    }
}
