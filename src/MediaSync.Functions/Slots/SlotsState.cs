namespace MediaSync.Functions.Slots;

/// <summary>The persisted state of a slots entity (durable-runtime.md §7 "Per-account stream slots").</summary>
internal sealed class SlotsState
{
    /// <summary>Gets or sets the configured limit (0 = unlimited); null until <c>SetLimit</c> ran once.</summary>
    public int? Limit { get; set; }

    /// <summary>Gets or sets the held leases in grant order.</summary>
    public List<HeldLease> Held { get; set; } = [];

    /// <summary>Gets or sets the queued checks, head first.</summary>
    public List<SlotWaiter> Waiting { get; set; } = [];

    /// <summary>Gets or sets when the pending self-scheduled sweep fires; null when none is pending.</summary>
    public DateTimeOffset? SweepAt { get; set; }

    /// <summary>Gets or sets how many leases expired without release (crashed holders).</summary>
    public long Expired { get; set; }
}
