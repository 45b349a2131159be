using MediaSync.Catalog.Storage;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>What <see cref="TvSyncPlanActivity"/> decided and already did; the orchestrator fans out the rest.</summary>
/// <param name="Strategy">Bulk or per show (never Auto).</param>
/// <param name="Concurrency">How many units run at once.</param>
/// <param name="Since">The incremental cursor, or <see langword="null"/> for a full read.</param>
/// <param name="PageSize">The bulk page size.</param>
/// <param name="Pages">Bulk: the pages still to fetch.</param>
/// <param name="ShowIds">Per show: the shows still to sync.</param>
/// <param name="UnitsDone">Units the plan completed itself (show listings, first pages).</param>
/// <param name="UnitsResumed">Units skipped because the resumed run completed them.</param>
/// <param name="Counts">Rows the plan wrote.</param>
/// <param name="FirstSync">The source never completed a run, so the units' rows are expected to be new.</param>
internal sealed record TvSyncPlan(
    TvSyncStrategy Strategy,
    int Concurrency,
    DateTimeOffset? Since,
    int PageSize,
    IReadOnlyList<TvPageRef> Pages,
    IReadOnlyList<string> ShowIds,
    int UnitsDone,
    int UnitsResumed,
    UnitCounts Counts,
    bool FirstSync = false);
