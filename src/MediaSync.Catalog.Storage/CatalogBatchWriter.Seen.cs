namespace MediaSync.Catalog.Storage;

/// <summary>Asking the writer what the store holds, so a sync can skip provider calls for unchanged units.</summary>
public sealed partial class CatalogBatchWriter
{
    /// <summary>
    /// Whether the store already holds <paramref name="row"/> with the same content, i.e. whether <see cref="AddAsync"/>
    /// would skip it. A sync uses it to decide whether a parent row (a series) changed before it fetches the children
    /// (its episodes). Same single-producer rule as <see cref="AddAsync"/>.
    /// </summary>
    /// <param name="row">The row as the sync would write it.</param>
    /// <param name="cancellationToken">Cancels loading the partition's stored hashes.</param>
    /// <returns><see langword="true"/> when the stored content hash equals the row's.</returns>
    /// <exception cref="ArgumentException">The row is invalid (it would be rejected by <see cref="AddAsync"/>).</exception>
    public async ValueTask<bool> IsUnchangedAsync(CatalogRow row, CancellationToken cancellationToken = default) =>
        await GetStoredStateAsync(row, cancellationToken).ConfigureAwait(false) == StoredRowState.Unchanged;

    /// <summary>
    /// Like <see cref="IsUnchangedAsync"/>, and tells a new row from a changed one: the children of a parent that was
    /// never stored (a new series' episodes) can be written without reading their stored hashes first.
    /// </summary>
    /// <param name="row">The row as the sync would write it.</param>
    /// <param name="cancellationToken">Cancels loading the partition's stored hashes.</param>
    /// <returns>Whether the store holds no row with this key, one with other content, or one with the same content.</returns>
    /// <exception cref="ArgumentException">The row is invalid (it would be rejected by <see cref="AddAsync"/>).</exception>
    public async ValueTask<StoredRowState> GetStoredStateAsync(CatalogRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        EncodedRow encoded = RowEncoder.Encode(row, runId);
        var stored = await marks.GetAsync(encoded.PartitionKey, cancellationToken).ConfigureAwait(false);
        return !stored.TryGetValue(encoded.RowKey, out var mark) ? StoredRowState.New
            : mark.ContentHash == encoded.ContentHash ? StoredRowState.Unchanged
            : StoredRowState.Changed;
    }

    /// <summary>
    /// Records every row the store holds in one partition as seen by this run, without rewriting any: for a unit
    /// known to be unchanged without reading it from the provider again (the episodes of an unchanged series), so the
    /// sweep after a complete run keeps them. The ledger is written by <see cref="FlushAsync"/>.
    /// </summary>
    /// <param name="partitionKey">The logical partition key.</param>
    /// <param name="cancellationToken">Cancels loading the partition's keys.</param>
    /// <returns>The rows recorded (rows already marked with this run need no record).</returns>
    public async Task<int> MarkPartitionSeenAsync(string partitionKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        string escaped = TableKeyEscaper.Escape(partitionKey);
        var stored = await marks.GetAsync(escaped, cancellationToken).ConfigureAwait(false);
        var unseen = stored.Where(m => m.Value.LastSeenRun != runId).Select(m => m.Key).ToList();
        if (unseen.Count > 0)
        {
            Interlocked.Add(ref recordedAsSeen, unseen.Count);
            await seenLedger.AddAsync(escaped, unseen, cancellationToken).ConfigureAwait(false);
        }

        return unseen.Count;
    }
}
