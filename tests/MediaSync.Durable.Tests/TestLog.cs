using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests;

/// <summary>Captures log lines so tests can assert on them (and dump them when a test fails).</summary>
internal static class TestLog
{
    public static readonly CapturingLoggerProvider Provider = new();
}
