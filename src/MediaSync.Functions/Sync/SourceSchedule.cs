using NCrontab;

namespace MediaSync.Functions.Sync;

/// <summary>A source's <c>Schedule</c>: a six-field NCrontab expression (seconds first, UTC), as timer triggers use.</summary>
internal static class SourceSchedule
{
    private static readonly CrontabSchedule.ParseOptions WithSeconds = new() { IncludingSeconds = true };

    /// <summary>Parses a six-field expression; null for anything else (a five-field one is never reinterpreted).</summary>
    public static CrontabSchedule? TryParse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression) || expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            return null;
        }

        return CrontabSchedule.TryParse(expression.Trim(), WithSeconds);
    }
}
