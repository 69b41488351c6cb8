using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.Policies;

namespace Samples.OcelotGateway.Loading;

/// <summary>
/// Hot reload: watches ocelot.json (and its environment file beside it) and,
/// when either changes, loads it again and hands the new model to
/// <c>apply</c>. A file that does not load, or that <c>apply</c> refuses, is
/// rejected with one log line naming the problems, and the configuration in
/// force stays as it was: nothing is dropped.
/// </summary>
/// <remarks>
/// Editors save in bursts (truncate, write, rename a temporary file), so a
/// change waits for a short quiet spell before the file is read. Where file
/// events are not available (DOTNET_USE_POLLING_FILE_WATCHER set, as for
/// files in containers or network shares, or the system's limit of watchers
/// reached) the watcher looks at the files' times and sizes once a second.
/// </remarks>
public sealed class OcelotFileWatcher : IDisposable
{
    private static readonly TimeSpan QuietSpell = TimeSpan.FromMilliseconds(250);

    private readonly string _path;
    private readonly Func<OcelotLoadResult> _load;
    private readonly Func<OcelotConfiguration, IReadOnlyList<OcelotConfigError>> _apply;
    private readonly ILogger _logger;
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    private readonly FileSystemWatcher? _watcher;
    private readonly Timer? _poll;
    private readonly string _pattern;
    private string _lastSeen = "";
    private readonly Lock _gate = new();
    private CancellationTokenSource? _pending;

    public OcelotFileWatcher(string path, Func<OcelotLoadResult> load, Func<OcelotConfiguration, IReadOnlyList<OcelotConfigError>> apply, ILogger logger, bool polling = false)
    {
        _path = Path.GetFullPath(path);
        _load = load;
        _apply = apply;
        _logger = logger;
        _pattern = $"{Path.GetFileNameWithoutExtension(_path)}*.json";
        polling |= Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER") is "1" or "true";
        if (!polling)
        {
            try
            {
                _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, _pattern)
                {
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
                };
                _watcher.Changed += (_, _) => Schedule();
                _watcher.Created += (_, _) => Schedule();
                _watcher.Renamed += (_, _) => Schedule();
                _watcher.EnableRaisingEvents = true;
                return;
            }
            catch (IOException)
            {
                // Out of file watchers (inotify's per-user limit): fall back to polling.
                _watcher?.Dispose();
                _watcher = null;
            }
        }

        _lastSeen = Fingerprint();
        _poll = new Timer(_ => Poll(), null, PollEvery, PollEvery);
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
            // The same one line per deprecated or ignored key as at start-up, so an edit never adds one silently.
            foreach (var warning in result.Warnings)
            {
                OcelotFileLog.FileWarning(_logger, Path.GetFileName(_path), warning);
            }

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
        _watcher?.Dispose();
        _poll?.Dispose();
        lock (_gate)
        {
            _pending?.Cancel();
            _pending?.Dispose();
            _pending = null;
        }
    }

    private void Poll()
    {
        var now = Fingerprint();
        if (now != _lastSeen)
        {
            _lastSeen = now;
            Schedule();
        }
    }

    // What the files look like from outside: names, sizes and write times.
    private string Fingerprint()
    {
        try
        {
            return string.Join('|', new DirectoryInfo(Path.GetDirectoryName(_path)!).EnumerateFiles(_pattern)
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
        }
        catch (IOException)
        {
            return _lastSeen;
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
