namespace MediaSync.Functions.Slots;

/// <summary>A check waiting in line for a slot.</summary>
/// <param name="LeaseId">The lease it will hold.</param>
/// <param name="Holder">The orchestration instance woken by the grant event.</param>
/// <param name="Ttl">The lease's time to live once granted.</param>
/// <param name="QueuedAt">When it joined the line.</param>
/// <param name="Priority">Its priority; the line is ordered by priority, then by arrival.</param>
internal sealed record SlotWaiter(string LeaseId, string Holder, TimeSpan Ttl, DateTimeOffset QueuedAt, int Priority = 0);
