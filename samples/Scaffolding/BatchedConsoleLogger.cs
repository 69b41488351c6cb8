using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Samples.Scaffolding;

/// <summary>
/// A console logger that writes in batches, the way nginx's
/// <c>access_log ... buffer=32k flush=1s</c> does: each line is copied into one
/// buffer, which goes out when it is full, at the next tick (a tenth of a
/// second), or at once for a warning or an error. ASP.NET Core's own console
/// logger hands every line to its writer thread and wakes it, so under load an
/// access log costs a thread wake-up per request; here it costs a copy. Lines
/// are not kept as objects while they wait, so they never outlive a young GC.
/// The lines look as the default console logger's do ("info: Category[id]" and
/// the message below).
/// </summary>
[ProviderAlias("Console")]
public sealed class BatchedConsoleLoggerProvider : ILoggerProvider
{
    private const string Indent = "      ";
    private readonly TextWriter _output;
    private readonly SampleMode? _mode;
    private readonly Lock _gate = new();
    private readonly char[] _buffer;
    private readonly Timer _timer;
    private int _length;

    /// <summary>The console logger of a sample's run (made by DI): in the demo tour it shows fewer lines.</summary>
    public BatchedConsoleLoggerProvider(SampleMode mode)
        : this(Console.Out, TimeSpan.FromMilliseconds(100), mode: mode)
    {
    }

    /// <param name="output">Where the lines go.</param>
    /// <param name="tick">How often waiting lines are written (Timeout.InfiniteTimeSpan: only when the buffer fills, on Flush or for a warning).</param>
    /// <param name="bufferChars">The buffer's size: a full buffer is written at once.</param>
    /// <param name="mode">In the tour, only warnings and the tour's own categories are written, within the configured levels.</param>
    public BatchedConsoleLoggerProvider(TextWriter output, TimeSpan tick, int bufferChars = 32 * 1024, SampleMode? mode = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferChars);
        _output = output;
        _mode = mode;
        _buffer = new char[bufferChars];
        _timer = new Timer(static state => ((BatchedConsoleLoggerProvider)state!).Flush(), this, tick, tick);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    // "Hosting failed to start" and its stack trace: RunSampleAsync says a configuration or address error in one
    // line on stderr, and any other failure escapes it, so the runtime prints that one with its stack trace.
    private static bool IsHostStartFailure(string category, EventId eventId) =>
        eventId.Id == 11 && category == "Microsoft.Extensions.Hosting.Internal.Host";

    private bool Shows(string category, LogLevel level) =>
        _mode is not { Tour: true } mode || level >= LogLevel.Warning || mode.ShowsInTour(category);

    /// <summary>Writes every waiting line now.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            WriteBuffer();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }

    private void Add(LogLevel level, string category, int eventId, string message, Exception? exception)
    {
        lock (_gate)
        {
            Append(level switch
            {
                LogLevel.Trace => "trce: ",
                LogLevel.Debug => "dbug: ",
                LogLevel.Information => "info: ",
                LogLevel.Warning => "warn: ",
                LogLevel.Error => "fail: ",
                _ => "crit: ",
            });
            Append(category);
            Append("[");
            Span<char> id = stackalloc char[11];
            Append(eventId.TryFormat(id, out var written, provider: CultureInfo.InvariantCulture) ? id[..written] : "?");
            Append("]\n");
            Append(Indent);
            Append(message.Contains('\n', StringComparison.Ordinal) ? message.ReplaceLineEndings("\n" + Indent) : message);
            Append("\n");
            if (exception is not null)
            {
                Append(Indent);
                Append(exception.ToString().ReplaceLineEndings("\n" + Indent));
                Append("\n");
            }

            if (level >= LogLevel.Warning)
            {
                WriteBuffer();
            }
        }
    }

    // Called under the lock.
    private void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
        {
            WriteBuffer();
            if (text.Length > _buffer.Length)
            {
                // Longer than the whole buffer: it goes out in pieces of the buffer's size.
                for (var i = 0; i < text.Length; i += _buffer.Length)
                {
                    Append(text.Slice(i, Math.Min(_buffer.Length, text.Length - i)));
                }

                return;
            }
        }

        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    // Called under the lock.
    private void WriteBuffer()
    {
        if (_length == 0)
        {
            return;
        }

        try
        {
            _output.Write(_buffer, 0, _length);
            _output.Flush();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Output that cannot be written (a closed pipe, a full disk) is lost; the proxy goes on serving.
        }

        _length = 0;
    }

    private sealed class Logger(string category, BatchedConsoleLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The logging configuration (Logging:LogLevel) has already filtered by category and level; the tour
        // narrows that further (it prints its own story), so a configured level holds in the tour too.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && provider.Shows(category, logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || IsHostStartFailure(category, eventId))
            {
                return;
            }

            var message = formatter(state, exception);
            if (string.IsNullOrEmpty(message) && exception is null)
            {
                return;
            }

            provider.Add(logLevel, category, eventId.Id, message, exception);
        }
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
