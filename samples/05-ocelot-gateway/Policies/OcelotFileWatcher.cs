using Samples.OcelotGateway.Configuration;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// Hot reload: watches ocelot.json (and its environment file beside it) and,
/// when either changes, loads it again and hands the new model to
/// <c>apply</c>. A file that does not load, or that <c>apply</c> refuses, is
/// rejected with one log line naming the problems, and the configuration in
/// force stays as it was: nothing is dropped.
/// </summary>
/// <remarks>
/// Editors save in bursts (truncate, write, rename a temporary file), so a
/// change waits for a short quiet spell before the file is read.
/// </remarks>
public sealed class OcelotFileWatcher : IDisposable
{
    private static readonly TimeSpan QuietSpell = TimeSpan.FromMilliseconds(250);

    private readonly string _path;
    private readonly Func<OcelotLoadResult> _load;
    private readonly Func<OcelotConfiguration, IReadOnlyList<OcelotConfigError>> _apply;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly Lock _gate = new();
    private CancellationTokenSource? _pending;

    public OcelotFileWatcher(string path, Func<OcelotLoadResult> load, Func<OcelotConfiguration, IReadOnlyList<OcelotConfigError>> apply, ILogger logger)
    {
        _path = Path.GetFullPath(path);
        _load = load;
        _apply = apply;
        _logger = logger;
        var name = Path.GetFileNameWithoutExtension(_path);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, $"{name}*.json")
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Schedule();
        _watcher.Created += (_, _) => Schedule();
        _watcher.Renamed += (_, _) => Schedule();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Raised after each reload attempt: true when the new file is in force, false when it was rejected.</summary>
    public event Action<bool>? Reloaded;

    /// <summary>Loads and applies the file now; what a change triggers after the quiet spell.</summary>
    public bool ReloadNow()
    {
        OcelotLoadResult result;
        IReadOnlyList<OcelotConfigError> errors;
        try
        {
            result = _load();
            errors = result.Succeeded ? _apply(result.Configuration!) : result.Errors;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            // Whatever goes wrong in a reload must not take the running gateway down.
            PolicyLog.ConfigurationRejected(_logger, _path, ex.Message);
            Reloaded?.Invoke(false);
            return false;
        }

        var accepted = errors.Count == 0;
        if (accepted)
        {
            PolicyLog.ConfigurationReloaded(_logger, _path, result.Configuration!.Routes.Count, result.Configuration.Aggregates.Count);
        }
        else
        {
            PolicyLog.ConfigurationRejected(_logger, _path, string.Join("; ", errors));
        }

        Reloaded?.Invoke(accepted);
        return accepted;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        lock (_gate)
        {
            _pending?.Cancel();
            _pending?.Dispose();
            _pending = null;
        }
    }

    private void Schedule()
    {
        CancellationToken token;
        lock (_gate)
        {
            _pending?.Cancel();
            _pending?.Dispose();
            _pending = new CancellationTokenSource();
            token = _pending.Token;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(QuietSpell, token);
                ReloadNow();
            }
            catch (OperationCanceledException)
            {
                // A newer change is on its way; it will do the reload.
            }
        }, CancellationToken.None);
    }
}
