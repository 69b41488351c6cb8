using Microsoft.Extensions.Logging.Abstractions;

namespace Samples.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps what a sample logged (every category, or only
/// <paramref name="category"/>), so a test can assert on the access log or on a warning.
/// </summary>
public sealed class LogCapture(string? category = null) : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    /// <summary>Each formatted message, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. _entries.Select(e => e.Text)];

    /// <summary>Each message as "Level: text", for tests that care about the level too.</summary>
    public IReadOnlyList<string> Messages => [.. _entries.Select(e => $"{e.Level}: {e.Text}")];

    /// <summary>
    /// The lines once there are at least <paramref name="count"/> (or after five seconds): a request's log line
    /// is written as its pipeline unwinds, which can be just after the client already has the answer.
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (_entries.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }

        return Lines;
    }

    public ILogger CreateLogger(string categoryName) =>
        category is null || categoryName == category ? new Logger(_entries) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
