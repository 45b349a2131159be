using MediaSync.Durable;
using MediaSync.Streams;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Slots;

/// <summary>
/// The relay's <see cref="IViewerSlotGate"/> over <see cref="AccountSlots"/>: acquire runs
/// <see cref="AcquireViewerSlotOrchestrator"/> (a client cannot call an entity), renew and release are signals.
/// </summary>
internal sealed class EntityViewerSlotGate(DurableTaskClient client, SlotsReader reader, TimeProvider time, IOptions<ViewerSlotGateOptions> options) : IViewerSlotGate
{
    private readonly ViewerSlotGateOptions settings = options.Value;

    /// <inheritdoc />
    public async ValueTask<ViewerSlotAcquisition> TryAcquireViewerAsync(string accountId, string streamId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        string leaseId = Guid.NewGuid().ToString("N");
        string instanceId = $"viewer-slot-{leaseId}";
        await client.ScheduleNewOrchestrationInstanceAsync(
            AcquireViewerSlotOrchestrator.Name, new AcquireViewerSlotInput(accountId, leaseId, settings.Ttl), new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);

        OrchestrationMetadata done;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(settings.AcquireTimeout);
            try
            {
                done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The grant may still land after we stop waiting: give it back (unknown leases are ignored).
                await client.Entities.SignalEntityAsync(AccountSlots.For(accountId), nameof(SlotsEntity.Release), leaseId, cancellation: CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"No answer from the slots of account {accountId} within {settings.AcquireTimeout} (stream {streamId}).");
            }
        }

        // One instance per viewer upstream: purge it so the dashboard and the history table do not fill up.
        await client.PurgeInstanceAsync(instanceId, cancellation: CancellationToken.None).ConfigureAwait(false);
        SlotAcquireResult result = done.RuntimeStatus == OrchestrationRuntimeStatus.Completed && done.ReadOutputAs<SlotAcquireResult>() is { } r
            ? r
            : throw new InvalidOperationException($"Taking a viewer slot of account {accountId} (stream {streamId}) ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return result.Outcome == SlotOutcome.Granted
            ? ViewerSlotAcquisition.Granted(new ViewerSlotLease(accountId, streamId, leaseId, settings.Ttl))
            : ViewerSlotAcquisition.Refused(result.Reason ?? $"account {accountId} has no free connection");
    }

    /// <inheritdoc />
    public async ValueTask<bool> RenewAsync(ViewerSlotLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);

        // Read first: a lease present and not yet expired in the committed state is still ours, and the renewal
        // signalled next extends it before it could expire (the relay renews every TTL/3).
        SlotsSnapshot slots = await reader.GetAccountAsync(lease.AccountId, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        bool held = slots.Held.Any(l => l.LeaseId == lease.LeaseId && l.ExpiresAt > now);
        if (held)
        {
            await client.Entities.SignalEntityAsync(AccountSlots.For(lease.AccountId), nameof(SlotsEntity.Renew), lease.LeaseId, cancellation: cancellationToken).ConfigureAwait(false);
        }

        return held;
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(ViewerSlotLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await client.Entities.SignalEntityAsync(AccountSlots.For(lease.AccountId), nameof(SlotsEntity.Release), lease.LeaseId, cancellation: cancellationToken).ConfigureAwait(false);
    }
}
