using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// The catalog's Table Storage store: batch writers for sync runs, run checkpoints, the sweep and
/// paged queries. Registered as a singleton by <see cref="CatalogStoreServiceCollectionExtensions.AddCatalogStore"/>.
/// </summary>
public sealed class CatalogStore
{
    private readonly CatalogTableClients tables;
    private readonly CatalogStoreOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<CatalogBatchWriter> writerLogger;

    internal CatalogStore(
        CatalogTableClients tables,
        IOptions<CatalogStoreOptions> options,
        TimeProvider timeProvider,
        ILogger<CatalogBatchWriter> writerLogger,
        SyncCheckpointStore checkpoints,
        CatalogSweeper sweeper,
        CatalogQueries queries)
    {
        this.tables = tables;
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.writerLogger = writerLogger;
        Checkpoints = checkpoints;
        Sweeper = sweeper;
        Queries = queries;
    }

    /// <summary>Gets the sync run checkpoints.</summary>
    public SyncCheckpointStore Checkpoints { get; }

    /// <summary>Gets the sweep.</summary>
    public CatalogSweeper Sweeper { get; }

    /// <summary>Gets the paged queries.</summary>
    public CatalogQueries Queries { get; }

    /// <summary>Creates a batch writer for one table and run; add rows, then flush.</summary>
    /// <param name="table">The table the rows go to.</param>
    /// <param name="runId">The run that sees the rows (their <c>LastSeenRun</c>).</param>
    /// <param name="cancellationToken">Cancels creating the table on first use.</param>
    /// <returns>The writer; dispose it after <see cref="CatalogBatchWriter.FlushAsync"/>.</returns>
    public Task<CatalogBatchWriter> CreateWriterAsync(CatalogTable table, string runId, CancellationToken cancellationToken = default) =>
        CreateWriterAsync(table, runId, rowsAreNew: false, cancellationToken);

    /// <summary>Creates a batch writer; with <paramref name="rowsAreNew"/> it skips reading the stored hashes.</summary>
    /// <param name="table">The table the rows go to.</param>
    /// <param name="runId">The run that sees the rows.</param>
    /// <param name="rowsAreNew">
    /// The caller expects none of the rows to be stored yet (a source's first sync): the writer then reads no stored
    /// hashes (one query per partition saved) and merges every row. Safe when wrong: a row that was stored after all is
    /// merged and marked, just not skipped when unchanged.
    /// </param>
    /// <param name="cancellationToken">Cancels creating the tables.</param>
    /// <returns>The writer; dispose it.</returns>
    public async Task<CatalogBatchWriter> CreateWriterAsync(CatalogTable table, string runId, bool rowsAreNew, CancellationToken cancellationToken = default)
    {
        var client = await tables.GetAsync(table, cancellationToken).ConfigureAwait(false);
        var ledger = await tables.GetAsync(CatalogTable.SyncSeen, cancellationToken).ConfigureAwait(false);
        return new CatalogBatchWriter(client, table, ledger, runId, options, writerLogger, timeProvider, rowsAreNew);
    }

    /// <summary>Streams rows through a batch writer and flushes it.</summary>
    /// <param name="table">The table the rows go to.</param>
    /// <param name="runId">The run that sees the rows.</param>
    /// <param name="rows">The rows; read once, never held all at once.</param>
    /// <param name="cancellationToken">Cancels the write (transactions already submitted stay written).</param>
    /// <returns>The counts.</returns>
    public async Task<BatchWriteResult> WriteAsync(
        CatalogTable table, string runId, IAsyncEnumerable<CatalogRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var writer = await CreateWriterAsync(table, runId, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.AddAsync(row, cancellationToken).ConfigureAwait(false);
            }

            return await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
