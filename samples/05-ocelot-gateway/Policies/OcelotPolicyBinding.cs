using Samples.OcelotGateway.Configuration;
using Samples.Scaffolding;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// Ties the policies to the Ocelot file: the rules of the configuration in
/// force, and hot reload of the file, where a new configuration's policies go
/// in first and its routes right after (so a route never runs without them).
/// </summary>
public static class OcelotPolicyBinding
{
    /// <summary>Set to false to turn hot reload off.</summary>
    public const string HotReloadKey = "Gateway:HotReload";

    /// <summary>
    /// Puts <paramref name="initial"/>'s policies in force (a problem stops
    /// start-up, naming its JSON path) and, unless Gateway:HotReload is false,
    /// watches <paramref name="configFile"/>: each good edit is loaded with
    /// <paramref name="load"/> and applied with <paramref name="applyRoutes"/>.
    /// </summary>
    public static OcelotFileWatcher? UseOcelotPolicies(
        this WebApplication app,
        OcelotConfiguration initial,
        string configFile,
        Func<OcelotLoadResult> load,
        Action<OcelotConfiguration> applyRoutes,
        Func<OcelotRoute, string> routeIdOf)
    {
        var store = app.Services.GetRequiredService<GatewayPolicyStore>();
        var errors = Apply(store, initial, routeIdOf);
        if (errors.Count > 0)
        {
            throw StartupException.ForKey(errors[0].Path, errors[0].Reason);
        }

        if (!app.Configuration.GetValue(HotReloadKey, true))
        {
            return null;
        }

        var watcher = new OcelotFileWatcher(
            configFile,
            load,
            configuration =>
            {
                var problems = Apply(store, configuration, routeIdOf);
                if (problems.Count == 0)
                {
                    applyRoutes(configuration);
                }

                return problems;
            },
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Samples.OcelotGateway.HotReload"));
        app.Lifetime.ApplicationStopping.Register(watcher.Dispose);
        return watcher;
    }

    private static IReadOnlyList<OcelotConfigError> Apply(GatewayPolicyStore store, OcelotConfiguration configuration, Func<OcelotRoute, string> routeIdOf)
    {
        var (routes, aggregates, errors) = OcelotPolicyMapper.Map(configuration, routeIdOf);
        if (errors.Count == 0)
        {
            store.Update(routes, aggregates);
        }

        return errors;
    }
}
