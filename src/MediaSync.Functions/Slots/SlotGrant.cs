namespace MediaSync.Functions.Slots;

/// <summary>Payload of the <c>slot:{leaseId}</c> event that wakes a queued check.</summary>
/// <param name="Entity">The granting entity's instance id (account or global).</param>
/// <param name="LeaseId">The granted lease.</param>
/// <param name="ExpiresAt">The lease's expiry.</param>
internal sealed record SlotGrant(string Entity, string LeaseId, DateTimeOffset ExpiresAt);
