namespace MediaSync.Functions.Slots;

/// <summary>Input of <see cref="AcquireViewerSlotOrchestrator"/>.</summary>
/// <param name="AccountId">The provider account.</param>
/// <param name="LeaseId">The lease id chosen by the gate.</param>
/// <param name="Ttl">The lease TTL.</param>
internal sealed record AcquireViewerSlotInput(string AccountId, string LeaseId, TimeSpan Ttl);
