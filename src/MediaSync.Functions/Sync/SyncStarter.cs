using MediaSync.Catalog.Storage;
using MediaSync.Durable;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Sync;

/// <summary>Starts a source's <see cref="CatalogSyncOrchestrator"/> as the singleton <c>sync-{sourceId}</c>, for the HTTP start and the schedule alike.</summary>
internal sealed class SyncStarter(DurableTaskClient client, ILogger<SyncStarter> logger)
{
    /// <summary>Schedules the sync unless one is running for the source.</summary>
    /// <param name="sourceId">A configured source id.</param>
    /// <param name="mode">Full or incremental.</param>
    /// <param name="resume">Continue the last unfinished run.</param>
    /// <param name="trigger">Who asks (for the log): <c>http</c>, <c>schedule</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Started, or the running instance's status.</returns>
    public async Task<SyncStartOutcome> StartAsync(string sourceId, SyncMode mode, bool resume, string trigger, CancellationToken cancellationToken)
    {
        string instanceId = SyncInstanceIds.Parent(sourceId);

        // Cheap pre-check so the usual conflict answers without a failed start; the runtime still refuses a
        // concurrent start of a running id, and that race is a conflict too.
        OrchestrationMetadata? existing = await client.GetInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false);
        if (existing is { IsRunning: true })
        {
            Log.SyncAlreadyRunning(logger, sourceId, trigger, instanceId, existing.RuntimeStatus.ToString());
            return new SyncStartOutcome(instanceId, false, existing.RuntimeStatus);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                CatalogSyncOrchestrator.Name, new CatalogSyncInput(sourceId, mode, resume), new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            Log.SyncAlreadyRunning(logger, sourceId, trigger, instanceId, "starting");
            return new SyncStartOutcome(instanceId, false, null);
        }

        Log.SyncStarted(logger, instanceId, sourceId, mode.ToString(), resume, trigger);
        return new SyncStartOutcome(instanceId, true, null);
    }
}
