using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Tests;

/// <summary>Captures log lines so tests can assert on them (and dump them when a test fails).</summary>
internal static class TestLog
{
    public static readonly CapturingLoggerProvider Provider = new();
}

internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

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
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
            while (lines.Count > 5000 && lines.TryDequeue(out _))
            {
            }
        }
    }
}
