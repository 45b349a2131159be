namespace MediaSync.Hosting.Timers;

/// <summary>What a timer function receives (the shape of the Functions worker's <c>TimerInfo</c>).</summary>
public sealed class TimerInfo
{
    /// <summary>
    /// Gets the schedule status recorded before this invocation: <see cref="ScheduleStatus.Next"/> is the occurrence
    /// being fired, <see cref="ScheduleStatus.Last"/> the one before it.
    /// </summary>
    public ScheduleStatus? ScheduleStatus { get; init; }

    /// <summary>
    /// Gets a value indicating whether this invocation catches up on missed occurrences (no host was waiting for
    /// it, or it fired a whole period late). Missed occurrences are coalesced into this one call: treat it as
    /// "catch up", not as an error.
    /// </summary>
    public bool IsPastDue { get; init; }
}
