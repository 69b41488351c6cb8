using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Samples.Scaffolding;

/// <summary>
/// A console logger that writes in batches, the way nginx's
/// <c>access_log ... buffer=32k flush=1s</c> does: lines wait in memory and go
/// out together at the next tick (a tenth of a second), or at once for a
/// warning or an error. ASP.NET Core's own console logger hands every line to
/// its writer thread and wakes it, so under load an access log costs a thread
/// wake-up per request; here it costs a queue entry. The lines look as the
/// default console logger's do ("info: Category[id]" and the message below).
/// </summary>
[ProviderAlias("Console")]
public sealed class BatchedConsoleLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _waiting = new();
    private readonly TextWriter _output;
    private readonly Lock _writing = new();
    private readonly StringBuilder _batch = new();
    private readonly Timer _timer;
    private readonly int _maxWaiting;
    private int _count;
    private long _dropped;

    public BatchedConsoleLoggerProvider()
        : this(Console.Out, TimeSpan.FromMilliseconds(100))
    {
    }

    /// <param name="output">Where the lines go.</param>
    /// <param name="tick">How often waiting lines are written (Timeout.InfiniteTimeSpan: only on Flush or a warning).</param>
    /// <param name="maxWaiting">
    /// Past this many waiting lines (a flood the writer cannot keep up with), lines are counted and
    /// dropped rather than held, and the count is written: the log must not take the proxy's memory.
    /// </param>
    public BatchedConsoleLoggerProvider(TextWriter output, TimeSpan tick, int maxWaiting = 100_000)
    {
        _output = output;
        _maxWaiting = maxWaiting;
        _timer = new Timer(static state => ((BatchedConsoleLoggerProvider)state!).Flush(), this, tick, tick);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    /// <summary>Writes every waiting line now.</summary>
    public void Flush()
    {
        lock (_writing)
        {
            while (_waiting.TryDequeue(out var line))
            {
                Interlocked.Decrement(ref _count);
                _batch.Append(line);
            }

            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
            {
                _batch.Append(CultureInfo.InvariantCulture, $"warn: {typeof(BatchedConsoleLoggerProvider).FullName}[0]\n      {dropped} log line(s) dropped: more than {_maxWaiting} were waiting to be written\n");
            }

            if (_batch.Length > 0)
            {
                _output.Write(_batch);
                _output.Flush();
                _batch.Clear();
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }

    private void Add(string line, bool now)
    {
        if (Interlocked.Increment(ref _count) > _maxWaiting)
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _waiting.Enqueue(line);
        if (now)
        {
            Flush();
        }
    }

    private sealed class Logger(string category, BatchedConsoleLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The logging configuration (Logging:LogLevel) has already filtered by category and level.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (string.IsNullOrEmpty(message) && exception is null)
            {
                return;
            }

            var line = exception is null
                ? $"{Short(logLevel)}: {category}[{eventId.Id}]\n      {message}\n"
                : $"{Short(logLevel)}: {category}[{eventId.Id}]\n      {message}\n      {exception.ToString().ReplaceLineEndings("\n      ")}\n";
            provider.Add(line, now: logLevel >= LogLevel.Warning);
        }

        private static string Short(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}

/// <summary>Puts the batched console logger in place of the default providers.</summary>
public static class BatchedConsoleLoggingExtensions
{
    public static ILoggingBuilder AddBatchedConsole(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BatchedConsoleLoggerProvider>());
        return logging;
    }
}
