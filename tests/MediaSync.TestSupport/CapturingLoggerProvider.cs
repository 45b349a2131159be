using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MediaSync.TestSupport;

/// <summary>
/// Keeps the last log lines (Information and up, each with its UTC time) so tests can assert on them, and a test that
/// timed out can say what the host was doing meanwhile.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private const int Capacity = 5000;

    /// <summary>The captured lines, oldest first: <c>HH:mm:ss.fff Level category: message</c>.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>The last <paramref name="count"/> lines, one per line.</summary>
    public string Recent(int count) => string.Join(Environment.NewLine, Lines.TakeLast(count));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string error = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})";
            lines.Enqueue($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{error}");
            while (lines.Count > Capacity && lines.TryDequeue(out _))
            {
            }
        }
    }
}
