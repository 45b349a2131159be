using MediaSync.Catalog.Storage;
using MediaSync.Durable;
using MediaSync.Functions.Sources;
using MediaSync.Functions.Sync.M3u;
using MediaSync.Functions.Sync.Tmdb;
using MediaSync.Functions.Sync.Tv;
using MediaSync.Functions.Sync.Xtream;

// IMPORTANT: orchestrator code; awaits must resume on the replay thread (no ConfigureAwait(false)).
#pragma warning disable CA2007

namespace MediaSync.Functions.Sync;

/// <summary>
/// <c>CatalogSync</c>: one run of one source (instance <c>sync-{sourceId}</c>, a singleton per source). Starts or resumes
/// a SyncRuns run, syncs by source kind (Xtream and M3U here; Jellyfin and Plex in the <c>TvSync</c> child), records
/// how the run ended, sweeps after a complete full run only, then enriches through the <c>TmdbEnrichment</c> child
/// when TMDb is configured. Custom status: <see cref="Progress.ProgressStatus"/> after every unit.
/// </summary>
/// <remarks>
/// Cancel (event <see cref="SyncInstanceIds.CancelEvent"/>): no new unit is scheduled, units in flight finish and are
/// checkpointed, a running child is told to stop, the run is recorded as Canceled (resumable) and the orchestration
/// completes with output status <see cref="CatalogSyncStatus.Canceled"/> and phase <c>canceled</c> — the runtime has no
/// Canceled status an orchestrator can end in, as in Durable Functions.
/// </remarks>
internal sealed class CatalogSyncOrchestrator : TaskOrchestrator<CatalogSyncInput, CatalogSyncResult>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "CatalogSync";

    /// <summary>The TV sync child's name (helper orchestration of Jellyfin and Plex sources).</summary>
    public const string TvSyncName = "TvSync";

    /// <summary>The TMDb enrichment child's name.</summary>
    public const string TmdbEnrichmentName = "TmdbEnrichment";

    /// <inheritdoc />
    public override async Task<CatalogSyncResult> RunAsync(TaskOrchestrationContext context, CatalogSyncInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var progress = new SyncProgress(context, context.CurrentUtcDateTime);
        progress.Report();
        Task cancel = context.WaitForExternalEvent<object?>(SyncInstanceIds.CancelEvent);
        SyncRunStarted run = await context.CallActivityAsync<SyncRunStarted>(BeginSyncRunActivity.Name, input, SyncRetry.Unit);

        try
        {
            await SyncSourceAsync(context, input.SourceId, run, cancel, progress);
        }
        catch (TaskFailedException ex)
        {
            // Recorded so the run can be resumed; the orchestration itself fails with the (secret-free) reason.
            progress.Report("failed");
            await FinishAsync(context, input.SourceId, run.RunId, SyncRunStatus.Failed, ex.FailureDetails.ErrorMessage);
            throw;
        }

        bool canceled = cancel.IsCompleted;
        SyncRunStatus status = canceled ? SyncRunStatus.Canceled : progress.FailedUnits > 0 ? SyncRunStatus.Failed : SyncRunStatus.Completed;
        string? error = progress.FailedUnits > 0
            ? $"{progress.FailedUnits} units failed: {string.Join(", ", progress.FailedUnitKeys.Take(10))}"
            : null;
        await FinishAsync(context, input.SourceId, run.RunId, status, error);

        int? swept = null;
        TmdbEnrichmentResult? tmdb = null;
        if (status == SyncRunStatus.Completed)
        {
            // Only now does "not seen" mean "gone": never after a cancel, a failed unit or an incremental run.
            if (run.Mode == SyncMode.Full)
            {
                progress.Report("sweep");
                swept = await context.CallActivityAsync<int>(SweepCatalogActivity.Name, new SweepCatalogInput(input.SourceId, run.RunId), SyncRetry.Unit);
            }

            if (run.TmdbConfigured && !cancel.IsCompleted)
            {
                progress.Report("tmdb");
                tmdb = await CallChildAsync<TmdbEnrichmentResult>(
                    context, TmdbEnrichmentName, new TmdbEnrichmentInput(input.SourceId, run.RunId), SyncInstanceIds.Tmdb(input.SourceId), cancel);
            }
        }

        string outcome = canceled ? CatalogSyncStatus.Canceled
            : status == SyncRunStatus.Failed ? CatalogSyncStatus.CompletedWithFailures
            : CatalogSyncStatus.Completed;
        progress.Report(canceled ? "canceled" : "done");
        Log.SyncEnded(context.CreateReplaySafeLogger<CatalogSyncOrchestrator>(), input.SourceId, outcome, run.RunId, progress.Units, progress.FailedUnits);

        return new CatalogSyncResult(
            outcome, run.RunId, run.Mode, progress.Units, progress.Written, progress.Skipped, progress.Failed,
            progress.FailedUnits, progress.FailedUnitKeys, swept, tmdb);
    }

    private static async Task SyncSourceAsync(TaskOrchestrationContext context, string sourceId, SyncRunStarted run, Task cancel, SyncProgress progress)
    {
        switch (run.Kind)
        {
            case SourceKind.Xtream:
                await XtreamSyncFlow.RunAsync(context, sourceId, run, cancel, progress);
                break;
            case SourceKind.M3u:
                progress.AddUnits(1, 0);
                progress.Enter("playlist");
                UnitOutcome playlist = await context.CallActivityAsync<UnitOutcome>(
                    M3uPlaylistActivity.Name, new M3uPlaylistInput(sourceId, run.RunId), SyncRetry.Unit);
                progress.Leave("playlist");
                progress.Record(playlist);
                break;
            default:
                progress.Enter("tv");
                TvSyncResult tv = await CallChildAsync<TvSyncResult>(
                    context, TvSyncName, new TvSyncInput(sourceId, run.Mode, run.RunId, run.ResumeRunId), SyncInstanceIds.Tv(sourceId), cancel);
                progress.Leave("tv");
                progress.RecordChild(tv.Units, tv.Written, tv.Skipped, tv.Failed, tv.FailedUnits);
                break;
        }
    }

    /// <summary>Runs a child; a cancel that arrives meanwhile is passed on, and the child's (canceled) result awaited.</summary>
    private static async Task<T> CallChildAsync<T>(TaskOrchestrationContext context, string name, object input, string instanceId, Task cancel)
    {
        Task<T> child = context.CallSubOrchestratorAsync<T>(name, input, new SubOrchestrationOptions(instanceId));
        if (await Task.WhenAny(child, cancel) == cancel)
        {
            context.SendEvent(instanceId, SyncInstanceIds.CancelEvent, null);
        }

        return await child;
    }

    private static Task<UnitCounts> FinishAsync(TaskOrchestrationContext context, string sourceId, string runId, SyncRunStatus status, string? error) =>
        context.CallActivityAsync<UnitCounts>(FinishSyncRunActivity.Name, new FinishSyncRunInput(sourceId, runId, status, error), SyncRetry.Unit);
}
