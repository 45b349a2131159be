namespace MediaSync.Sandbox.Control;

/// <summary>One-shot faults a test queues for the next matching calls.</summary>
internal enum FaultKind
{
    Throttle,
    Hang,
    Stall,
    Truncate,
}
