using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// Deletes a source's catalog rows (Categories, Items, Episodes) that a complete full run did not see:
/// <c>LastSeenRun</c> is another run and the run's seen ledger (unchanged rows) does not list them. Refuses unless that run is recorded as a completed
/// full run: after a canceled, failed or incremental run "not seen" does not mean "gone".
/// </summary>
public sealed class CatalogSweeper
{
    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey"];

    private readonly CatalogTableClients tables;
    private readonly SyncCheckpointStore checkpoints;
    private readonly ILogger logger;

    internal CatalogSweeper(CatalogTableClients tables, SyncCheckpointStore checkpoints, ILogger<CatalogSweeper> logger)
    {
        this.tables = tables;
        this.checkpoints = checkpoints;
        this.logger = logger;
    }

    /// <summary>Deletes the source's rows not seen by <paramref name="runId"/>.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="runId">A completed full run of the source.</param>
    /// <param name="cancellationToken">Cancels the sweep (rows already deleted stay deleted).</param>
    /// <returns>The rows deleted per table.</returns>
    /// <exception cref="SweepNotAllowedException">The run is unknown, incremental or not completed.</exception>
    public async Task<SweepResult> SweepAsync(string sourceId, string runId, CancellationToken cancellationToken = default)
    {
        var run = await checkpoints.GetRunAsync(sourceId, runId, cancellationToken).ConfigureAwait(false);
        string? refusal = run switch
        {
            null => "is not recorded",
            { Mode: not SyncMode.Full } => $"is a {run.Mode} run, not a full one",
            { Status: not SyncRunStatus.Completed } => $"is {run.Status}, not Completed",
            _ => null,
        };
        if (refusal is not null)
        {
            Log.SweepRefused(logger, sourceId, runId, refusal);
            throw new SweepNotAllowedException($"Sweep of source '{sourceId}' refused: run '{runId}' {refusal}.");
        }

        string categories = TableKeyEscaper.Escape(CatalogKeys.CategoriesPartition(sourceId));
        string prefix = TableKeyEscaper.Escape(CatalogKeys.SourcePrefix(sourceId));
        string upper = TableKeyEscaper.PrefixUpperBound(prefix);
        var result = new SweepResult(
            await DeleteUnseenAsync(CatalogTable.Categories, runId, TableClient.CreateQueryFilter($"PartitionKey eq {categories} and LastSeenRun ne {runId}"), cancellationToken).ConfigureAwait(false),
            await DeleteUnseenAsync(CatalogTable.Items, runId, RangeFilter(prefix, upper, runId), cancellationToken).ConfigureAwait(false),
            await DeleteUnseenAsync(CatalogTable.Episodes, runId, RangeFilter(prefix, upper, runId), cancellationToken).ConfigureAwait(false));

        // The ledger has served its one purpose; a later run keeps its own.
        await SeenLedger.DeleteRunAsync(await tables.GetAsync(CatalogTable.SyncSeen, cancellationToken).ConfigureAwait(false), runId, cancellationToken)
            .ConfigureAwait(false);
        Log.Swept(logger, sourceId, runId, result.Total);
        return result;
    }

    private static string RangeFilter(string prefix, string upper, string runId) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper} and LastSeenRun ne {runId}");

    private async Task<int> DeleteUnseenAsync(CatalogTable catalogTable, string runId, string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(catalogTable, cancellationToken).ConfigureAwait(false);
        var ledger = await tables.GetAsync(CatalogTable.SyncSeen, cancellationToken).ConfigureAwait(false);
        int deleted = 0;
        var batch = new List<TableEntity>(100);
        string? seenPartition = null;
        HashSet<string> seen = [];
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, 1000, KeysOnly, cancellationToken).ConfigureAwait(false))
        {
            if (entity.PartitionKey != seenPartition)
            {
                // Candidates arrive in key order: one ledger read per partition that has any.
                seen = await SeenLedger.LoadAsync(ledger, runId, catalogTable, entity.PartitionKey, cancellationToken).ConfigureAwait(false);
                seenPartition = entity.PartitionKey;
            }

            if (seen.Contains(entity.RowKey))
            {
                continue;
            }

            // Query results come in key order, so a change of partition closes the batch.
            if (batch.Count == 100 || (batch.Count > 0 && batch[0].PartitionKey != entity.PartitionKey))
            {
                deleted += await DeleteAsync(table, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }

            batch.Add(entity);
        }

        return deleted + await DeleteAsync(table, batch, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> DeleteAsync(TableClient table, List<TableEntity> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        try
        {
            await table.SubmitTransactionAsync(
                batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken).ConfigureAwait(false);
            return batch.Count;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // Someone deleted one of them meanwhile; delete the rest one by one (deleting a missing row is a no-op).
            int deleted = 0;
            foreach (var entity in batch)
            {
                using var response = await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                deleted += response.Status == 404 ? 0 : 1;
            }

            return deleted;
        }
    }
}
