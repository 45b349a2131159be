using MediaSync.Catalog.Storage;
using MediaSync.Durable;

namespace MediaSync.Functions.Sync;

/// <summary>Records how a run ended in SyncRuns (with the totals of its completed units).</summary>
internal sealed class FinishSyncRunActivity(CatalogStore store) : TaskActivity<FinishSyncRunInput, UnitCounts>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "FinishSyncRun";

    /// <inheritdoc />
    public override async Task<UnitCounts> RunAsync(TaskActivityContext context, FinishSyncRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        SyncRun run = await store.Checkpoints.FinishRunAsync(input.SourceId, input.RunId, input.Status, input.Error, context.CancellationToken).ConfigureAwait(false);
        return run.Totals;
    }
}
