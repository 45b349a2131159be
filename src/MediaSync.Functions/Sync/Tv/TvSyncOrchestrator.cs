using MediaSync.Catalog.Storage;
using MediaSync.Durable;
using MediaSync.Functions.Progress;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>
/// Syncs a Jellyfin or Plex source's TV library into Items (shows) and Episodes. Started by the catalog sync as the
/// sub-orchestration <c>sync-{sourceId}-tv</c> after it recorded the run. A plan activity picks the strategy and
/// does the first step; the remaining units (bulk pages or shows) fan out bounded. The external event
/// <see cref="CancelEvent"/> stops scheduling at once; units in flight finish and keep their checkpoints.
/// </summary>
internal sealed class TvSyncOrchestrator : TaskOrchestrator<TvSyncInput, TvSyncResult>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "TvSync";

    /// <summary>The external event that cancels the run.</summary>
    public const string CancelEvent = "cancel";

    /// <summary>The instance id of a source's TV sync.</summary>
    public static string InstanceIdFor(string sourceId) => $"sync-{sourceId}-tv";

    /// <inheritdoc />
    public override async Task<TvSyncResult> RunAsync(TaskOrchestrationContext context, TvSyncInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        DateTime started = context.CurrentUtcDateTime;
        Task cancel = context.WaitForExternalEvent<object?>(CancelEvent);
        context.SetCustomStatus(ProgressStatus.Of("tv: planning", 0, 0, TimeSpan.Zero));
        TvSyncPlan plan = await context.CallActivityAsync<TvSyncPlan>(TvSyncPlanActivity.Name, input).ConfigureAwait(true);

        bool bulk = plan.Strategy == TvSyncStrategy.Bulk;
        string phase = bulk ? "tv: episode pages" : "tv: shows";
        var units = bulk
            ? plan.Pages.Select(p => new Unit(TvRows.PageUnit(p.LibraryId, p.Page), TvSyncPageActivity.Name, new TvPageWork(input.SourceId, input.RunId, p.LibraryId, p.Page, plan.PageSize, plan.Since, plan.FirstSync))).ToList()
            : plan.ShowIds.Select(id => new Unit(TvRows.ShowUnit(id), TvSyncShowActivity.Name, new TvShowWork(input.SourceId, input.RunId, id, plan.FirstSync))).ToList();
        int total = plan.UnitsDone + plan.UnitsResumed + units.Count;
        int done = plan.UnitsDone + plan.UnitsResumed;
        UnitCounts counts = plan.Counts;
        var failedUnits = new List<string>();
        context.SetCustomStatus(ProgressStatus.Of(phase, done, total, context.CurrentUtcDateTime - started));

        IReadOnlyList<FanOutResult<UnitCounts?>> results = await context.WhenAllBoundedAsync(
            units,
            plan.Concurrency,
            async unit =>
            {
                UnitCounts? unitCounts = null;
                try
                {
                    unitCounts = await context.CallActivityAsync<UnitCounts>(unit.Activity, unit.Work).ConfigureAwait(true);
                    counts = counts.Add(unitCounts);
                }
                catch (TaskFailedException)
                {
                    // Not checkpointed, so a resumed run retries it; the run itself goes on.
                    failedUnits.Add(unit.Key);
                }

                done++;
                context.SetCustomStatus(ProgressStatus.Of(phase, done, total, context.CurrentUtcDateTime - started));
                return unitCounts;
            },
            () => cancel.IsCompleted).ConfigureAwait(true);

        bool canceled = cancel.IsCompleted && results.Any(r => r.Failure?.ErrorType == "NotStarted");
        string finalPhase = canceled ? "tv: canceled" : "tv: done";
        context.SetCustomStatus(ProgressStatus.Of(finalPhase, done, total, context.CurrentUtcDateTime - started));
        return new TvSyncResult(
            plan.UnitsDone + results.Count(r => r.Value is not null),
            (int)counts.Written,
            (int)counts.Skipped,
            (int)counts.Failed + failedUnits.Count,
            canceled,
            failedUnits);
    }

    private sealed record Unit(string Key, string Activity, object Work);
}
