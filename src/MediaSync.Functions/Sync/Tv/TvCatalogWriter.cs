using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>Writes shows and episodes of one unit through the batch writer and records the unit's checkpoint.</summary>
internal sealed class TvCatalogWriter(CatalogStore store, ILogger<TvCatalogWriter> logger)
{
    /// <summary>
    /// Streams a library's shows into Items; <paramref name="showIds"/>, when given, collects their ids. With
    /// <paramref name="firstSync"/> (the source never completed a run) no stored hashes are read first.
    /// </summary>
    public async Task<UnitCounts> WriteShowsAsync(
        string sourceId, string runId, IAsyncEnumerable<TvShow> shows, int buckets, List<string>? showIds, bool firstSync, CancellationToken cancellationToken)
    {
        CatalogBatchWriter writer = await store.CreateWriterAsync(CatalogTable.Items, runId, firstSync, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            await foreach (TvShow show in shows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                showIds?.Add(show.Id);
                await writer.AddAsync(TvRows.Show(sourceId, show, buckets), cancellationToken).ConfigureAwait(false);
            }

            return UnitCounts.From(await writer.FlushAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Writes episodes into their shows' Episodes partitions; an episode without a show counts as failed. With
    /// <paramref name="firstSync"/> (the source never completed a run) no stored hashes are read first.
    /// </summary>
    public async Task<UnitCounts> WriteEpisodesAsync(
        string sourceId, string runId, IEnumerable<TvEpisode> episodes, string? showIdFallback, bool firstSync, CancellationToken cancellationToken)
    {
        long orphans = 0;
        CatalogBatchWriter writer = await store.CreateWriterAsync(CatalogTable.Episodes, runId, firstSync, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (TvEpisode episode in episodes)
            {
                if (TvRows.Episode(sourceId, episode, showIdFallback) is { } row)
                {
                    await writer.AddAsync(row, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    orphans++;
                    TvSyncLog.EpisodeWithoutShow(logger, sourceId, episode.Id);
                }
            }

            UnitCounts counts = UnitCounts.From(await writer.FlushAsync(cancellationToken).ConfigureAwait(false));
            return counts.Add(new UnitCounts(0, 0, orphans));
        }
    }

    /// <summary>Records a completed unit (after its rows are stored, so a resumed run may skip it).</summary>
    public Task CompleteUnitAsync(string sourceId, string runId, string unitKey, UnitCounts counts, CancellationToken cancellationToken) =>
        store.Checkpoints.RecordUnitCompletedAsync(sourceId, runId, unitKey, counts, cancellationToken);

    /// <summary>The units a run already completed (none without a run).</summary>
    public async Task<IReadOnlySet<string>> CompletedUnitsAsync(string sourceId, string? runId, CancellationToken cancellationToken) =>
        runId is null
            ? new HashSet<string>()
            : (await store.Checkpoints.GetCompletedUnitsAsync(sourceId, runId, cancellationToken).ConfigureAwait(false)).Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the source completed a run before (of any mode).</summary>
    public async Task<bool> HasCompletedRunAsync(string sourceId, CancellationToken cancellationToken) =>
        await store.Checkpoints.GetLastCompletedRunStartAsync(sourceId, cancellationToken: cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Where an incremental run starts reading: the last completed run's start minus the overlap; <see langword="null"/> = everything.</summary>
    public async Task<DateTimeOffset?> IncrementalCursorAsync(string sourceId, TimeSpan overlap, CancellationToken cancellationToken) =>
        await store.Checkpoints.GetLastCompletedRunStartAsync(sourceId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } last
            ? last - overlap
            : null;
}
