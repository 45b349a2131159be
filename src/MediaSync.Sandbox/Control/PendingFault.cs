namespace MediaSync.Sandbox.Control;

/// <summary>A queued fault: applies to the next <see cref="Remaining"/> calls whose counter key starts with <see cref="Scope"/>.</summary>
internal sealed class PendingFault(FaultKind kind, string scope, int remaining, TimeSpan retryAfter, int truncateAfterBytes)
{
    public FaultKind Kind { get; } = kind;

    public string Scope { get; } = scope;

    public int Remaining { get; set; } = remaining;

    public TimeSpan RetryAfter { get; } = retryAfter;

    public int TruncateAfterBytes { get; } = truncateAfterBytes;
}
