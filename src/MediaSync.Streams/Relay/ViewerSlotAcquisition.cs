namespace MediaSync.Streams;

/// <summary>The gate's answer: a lease, or a refusal with a reason a viewer can read.</summary>
internal sealed record ViewerSlotAcquisition
{
    private ViewerSlotAcquisition(ViewerSlotLease? lease, string? refusalReason, TimeSpan? retryAfter)
    {
        Lease = lease;
        RefusalReason = refusalReason;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the lease when granted.</summary>
    public ViewerSlotLease? Lease { get; }

    /// <summary>Gets why no slot was given, e.g. "account acme uses 2 of 2 connections".</summary>
    public string? RefusalReason { get; }

    /// <summary>Gets when trying again may succeed, if the gate knows.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>A granted slot.</summary>
    public static ViewerSlotAcquisition Granted(ViewerSlotLease lease) => new(lease ?? throw new ArgumentNullException(nameof(lease)), null, null);

    /// <summary>A refusal.</summary>
    public static ViewerSlotAcquisition Refused(string reason, TimeSpan? retryAfter = null) => new(null, reason, retryAfter);
}
