using MediaSync.Durable;

namespace MediaSync.Functions.Slots;

/// <summary>
/// Takes a viewer slot for the relay: a client cannot call an entity and wait for the answer, so the gate runs this
/// one-step orchestration (a request/response <c>Acquire</c> of kind viewer, which never waits) and reads its output.
/// </summary>
internal sealed class AcquireViewerSlotOrchestrator : TaskOrchestrator<AcquireViewerSlotInput, SlotAcquireResult>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "AcquireViewerSlot";

    /// <inheritdoc />
    public override Task<SlotAcquireResult> RunAsync(TaskOrchestrationContext context, AcquireViewerSlotInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = new SlotAcquireRequest(input.LeaseId, context.InstanceId, SlotKind.Viewer, input.Ttl);
        return context.Entities.CallEntityAsync<SlotAcquireResult>(AccountSlots.For(input.AccountId), nameof(SlotsEntity.Acquire), request);
    }
}
