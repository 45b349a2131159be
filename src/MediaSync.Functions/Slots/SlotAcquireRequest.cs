namespace MediaSync.Functions.Slots;

/// <summary>Input of the <c>Acquire</c> operation.</summary>
/// <param name="LeaseId">The lease id; acquiring an id that is already held or queued is idempotent.</param>
/// <param name="Holder">The orchestration instance to wake with <c>slot:{leaseId}</c> when a queued check is granted.</param>
/// <param name="Kind">A check waits when no slot is free; a viewer is refused.</param>
/// <param name="Ttl">The lease lives this long from its grant or last renewal.</param>
/// <param name="Priority">Its place in the line: ahead of every waiter with a lower priority, behind those with the same or higher.</param>
internal sealed record SlotAcquireRequest(string LeaseId, string Holder, SlotKind Kind, TimeSpan Ttl, int Priority = 0);
