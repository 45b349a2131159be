namespace MediaSync.Functions.Slots;

/// <summary>A held slot.</summary>
/// <param name="LeaseId">The holder's handle (deterministic in orchestrations).</param>
/// <param name="Holder">The orchestration instance that holds it.</param>
/// <param name="Kind">Check or viewer.</param>
/// <param name="Ttl">How long it lives without renewal.</param>
/// <param name="ExpiresAt">When the sweep frees it unless renewed.</param>
internal sealed record HeldLease(string LeaseId, string Holder, SlotKind Kind, TimeSpan Ttl, DateTimeOffset ExpiresAt);
