using System.Text.Json.Serialization;
using MediaSync.Catalog.Storage;
using MediaSync.Functions.Sync.Tmdb;

namespace MediaSync.Functions.Sync;

/// <summary>The output of <see cref="CatalogSyncOrchestrator"/>: how the run ended and its counts (nothing secret).</summary>
/// <param name="Status"><see cref="CatalogSyncStatus"/>: Completed, CompletedWithFailures or Canceled.</param>
/// <param name="RunId">The SyncRuns run id.</param>
/// <param name="Mode">The run's mode.</param>
/// <param name="Units">Units the run finished in this execution (a resumed run does not count the ones skipped).</param>
/// <param name="Written">Rows new or changed.</param>
/// <param name="Skipped">Rows unchanged.</param>
/// <param name="Failed">Rows that could not be stored.</param>
/// <param name="FailedUnits">How many units failed.</param>
/// <param name="FailedUnitKeys">The first failed units (at most <see cref="MaxListedFailures"/>); resume retries them.</param>
/// <param name="Swept">Rows the sweep deleted, or <see langword="null"/> when no sweep ran.</param>
/// <param name="Tmdb">The TMDb enrichment's result, when it ran.</param>
internal sealed record CatalogSyncResult(
    string Status,
    string RunId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SyncMode>))] SyncMode Mode,
    int Units,
    long Written,
    long Skipped,
    long Failed,
    int FailedUnits,
    IReadOnlyList<string> FailedUnitKeys,
    int? Swept,
    TmdbEnrichmentResult? Tmdb)
{
    /// <summary>Failed units listed by key in the output (all are counted).</summary>
    public const int MaxListedFailures = 50;
}
