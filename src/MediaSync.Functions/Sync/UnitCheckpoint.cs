using MediaSync.Catalog.Storage;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Sync;

/// <summary>Ends a unit: checkpointed only when everything of it is stored, so resume redoes incomplete units.</summary>
internal static class UnitCheckpoint
{
    public static async Task<UnitOutcome> RecordAsync(
        CatalogStore store, string sourceId, string runId, UnitOutcome outcome, ILogger logger, CancellationToken cancellationToken)
    {
        if (outcome.Complete)
        {
            await store.Checkpoints.RecordUnitCompletedAsync(
                sourceId, runId, outcome.UnitKey, new UnitCounts(outcome.Written, outcome.Skipped, outcome.Failed), cancellationToken).ConfigureAwait(false);
        }

        Log.UnitSynced(logger, sourceId, outcome.UnitKey, outcome.Written, outcome.Skipped, outcome.Failed, outcome.ChildrenFetched, outcome.ChildrenFailed);
        return outcome;
    }
}
