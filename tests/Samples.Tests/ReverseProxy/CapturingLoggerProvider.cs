using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Samples.Tests.ReverseProxy;

/// <summary>Keeps every formatted log line of one category, for tests that read the access log.</summary>
public sealed class CapturingLoggerProvider(string category) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>
    /// The lines once there are at least <paramref name="count"/> (or after five seconds): a request's log line
    /// is written as its pipeline unwinds, which can be just after the client already has the answer.
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (_lines.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }

        return Lines;
    }

    public ILogger CreateLogger(string categoryName) =>
        categoryName == category ? new Capturing(_lines) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Capturing(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
