namespace MediaSync.Hosting.Timers;

/// <summary>A timer's persisted schedule state (UTC), stored as JSON in <c>timers/{hostId}/{function}/status</c>.</summary>
public sealed class ScheduleStatus
{
    /// <summary>Gets or sets the last occurrence fired; <see cref="DateTime.MinValue"/> before the first.</summary>
    public DateTime Last { get; set; }

    /// <summary>Gets or sets the next occurrence due.</summary>
    public DateTime Next { get; set; }

    /// <summary>Gets or sets when the status was last written.</summary>
    public DateTime LastUpdated { get; set; }
}
