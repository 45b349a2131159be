using System.Collections.Concurrent;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;
using MediaSync.Catalog.Xtream;
using MediaSync.Durable;
using MediaSync.Functions.Sources;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>
/// One category of one kind: streams the provider's list straight into the batch writer (one connection, never the
/// whole list in memory) and, for series, fetches the episodes of new or changed series only, at most
/// <see cref="XtreamUnitInput.Connections"/> at a time. Returns counts; checkpoints the unit when all of it is stored.
/// </summary>
/// <remarks>
/// A changed series' row is written only after its episodes are stored: if the host dies in between, or the episodes
/// cannot be fetched, the stored row still differs from the provider's and the next run (or the resumed one) fetches
/// the episodes again. An unchanged series' episodes are recorded as seen without calling the provider, so the sweep
/// after a complete run keeps them.
/// </remarks>
internal sealed class XtreamCategoryActivity(
    SourceDirectory sources, SourceClients clients, CatalogStore store, XtreamLoanReader loans, ILogger<XtreamCategoryActivity> logger)
    : TaskActivity<XtreamUnitInput, UnitOutcome>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "XtreamCategory";

    /// <inheritdoc />
    public override async Task<UnitOutcome> RunAsync(TaskActivityContext context, XtreamUnitInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        CancellationToken cancellationToken = context.CancellationToken;
        ConfiguredSource source = sources.Get(input.SourceId);
        XtreamClient client = clients.Xtream(source);
        string unitKey = XtreamKinds.UnitKey(input.Kind, input.CategoryId);

        // A series never stored before has no episodes stored either (or only those of a crashed run, merged again):
        // its episodes are written without reading their partition's stored hashes, one query per series saved.
        var changedSeries = new List<(CatalogRow Row, bool New)>();
        var unchangedSeries = new List<string>();
        var seriesIds = new HashSet<string>(StringComparer.Ordinal);
        var items = await store.CreateWriterAsync(CatalogTable.Items, input.RunId, cancellationToken).ConfigureAwait(false);
        BatchWriteResult itemCounts;
        var seriesResult = new SeriesEpisodesResult(0, 0, 0, 0, 0);
        await using (items.ConfigureAwait(false))
        {
            await foreach (CatalogItem item in client.GetItemsAsync(input.Kind, input.CategoryId, cancellationToken).ConfigureAwait(false))
            {
                CatalogRow row = XtreamRows.Item(source.Id, item);
                if (input.Kind != CatalogKind.Series)
                {
                    await items.AddAsync(row, cancellationToken).ConfigureAwait(false);
                }
                else if (seriesIds.Add(item.ProviderId))
                {
                    StoredRowState stored = await items.GetStoredStateAsync(row, cancellationToken).ConfigureAwait(false);
                    if (stored == StoredRowState.Unchanged)
                    {
                        await items.AddAsync(row, cancellationToken).ConfigureAwait(false);
                        unchangedSeries.Add(item.ProviderId);
                    }
                    else
                    {
                        changedSeries.Add((row, stored == StoredRowState.New));
                    }
                }
            }

            // The list response is closed here, so the series calls below get the unit's whole connection share.
            if (input.Kind == CatalogKind.Series)
            {
                seriesResult = await SyncEpisodesAsync(source, client, input, items, changedSeries, unchangedSeries, cancellationToken).ConfigureAwait(false);
            }

            itemCounts = await items.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var outcome = new UnitOutcome(
            unitKey,
            itemCounts.Written + seriesResult.Written,
            itemCounts.Skipped + seriesResult.Skipped,
            itemCounts.Failed + seriesResult.Failed,
            seriesResult.Fetched,
            seriesResult.SeriesFailed);
        return await UnitCheckpoint.RecordAsync(store, source.Id, input.RunId, outcome, logger, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SeriesEpisodesResult> SyncEpisodesAsync(
        ConfiguredSource source,
        XtreamClient client,
        XtreamUnitInput input,
        CatalogBatchWriter items,
        List<(CatalogRow Row, bool New)> changedSeries,
        List<string> unchangedSeries,
        CancellationToken cancellationToken)
    {
        long written = 0, skipped = 0, failedRows = 0;
        int fetched = 0, failedSeries = 0;

        var seen = await store.CreateWriterAsync(CatalogTable.Episodes, input.RunId, cancellationToken).ConfigureAwait(false);
        await using (seen.ConfigureAwait(false))
        {
            foreach (string seriesId in unchangedSeries)
            {
                await seen.MarkPartitionSeenAsync(CatalogKeys.EpisodesPartition(source.Id, seriesId), cancellationToken).ConfigureAwait(false);
            }

            await seen.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        // The items writer has one producer: series rows join it one at a time, each after its episodes are stored.
        // Twice as many workers as connections: while one worker stores a series' episodes, another already holds
        // the connection for the next series, so the account's connections are not left idle during writes.
        using var itemsGate = new SemaphoreSlim(1, 1);
        int connections = Math.Max(1, input.Connections);
        using var connectionGate = new SemaphoreSlim(connections);
        var queue = new ConcurrentQueue<(CatalogRow Row, bool New)>(changedSeries);

        async Task WorkAsync(CancellationToken ct)
        {
            while (queue.TryDequeue(out var series))
            {
                await SyncSeriesAsync(series.Row, series.New, ct).ConfigureAwait(false);
            }
        }

        async Task SyncSeriesAsync(CatalogRow seriesRow, bool isNew, CancellationToken ct)
        {
            string seriesId = seriesRow.RowKey;
            BatchWriteResult episodes;
            try
            {
                SeriesDetails details;
                await connectionGate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    details = await client.GetSeriesInfoAsync(seriesId, ct).ConfigureAwait(false);
                }
                finally
                {
                    connectionGate.Release();
                }

                episodes = await store.WriteAsync(
                    CatalogTable.Episodes, input.RunId, details.AllEpisodes.Select(e => XtreamRows.Episode(source.Id, e)).ToAsyncEnumerable(), isNew, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref failedSeries);
                Log.SeriesEpisodesFailed(logger, source.Id, seriesId, ex.GetType().Name, client.Redact(ex.Message));
                return;
            }

            Interlocked.Increment(ref fetched);
            Interlocked.Add(ref written, episodes.Written);
            Interlocked.Add(ref skipped, episodes.Skipped);
            if (episodes.Failed > 0)
            {
                Interlocked.Add(ref failedRows, episodes.Failed);
                Interlocked.Increment(ref failedSeries);
                return;
            }

            await itemsGate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await items.AddAsync(seriesRow, ct).ConfigureAwait(false);
            }
            finally
            {
                itemsGate.Release();
            }
        }

        Task[] StartWorkers(int count) =>
            [.. Enumerable.Range(0, count).Select(_ => Task.Run(() => WorkAsync(cancellationToken), cancellationToken))];

        // Connections the sync lends the unit once it has nothing left to start are taken up as they come: the gate
        // admits more calls at once, with workers to make them. Only the reading adds to lentWorkers, so once it has
        // ended the list is complete.
        var lentWorkers = new List<Task>();
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task loanReading = input.LoanToken is { } token && queue.Count > connections * 2
            ? loans.WatchAsync(source.Id, token, () => !queue.IsEmpty, lent =>
            {
                connectionGate.Release(lent);
                lentWorkers.AddRange(StartWorkers(lent * 2));
            }, reading.Token)
            : Task.CompletedTask;
        try
        {
            await Task.WhenAll(StartWorkers(Math.Min(connections * 2, Math.Max(1, queue.Count)))).ConfigureAwait(false);
        }
        finally
        {
            await reading.CancelAsync().ConfigureAwait(false);
            try
            {
                await loanReading.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The series are done (or the unit was cancelled): no loan is needed any more.
            }

            // Workers a loan added may still be on their last series; none is left running past the gates it uses.
            await Task.WhenAll(lentWorkers).ConfigureAwait(false);
        }

        return new SeriesEpisodesResult(written, skipped, failedRows, fetched, failedSeries);
    }

    private sealed record SeriesEpisodesResult(long Written, long Skipped, long Failed, int Fetched, int SeriesFailed);
}
