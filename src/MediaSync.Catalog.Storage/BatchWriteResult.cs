namespace MediaSync.Catalog.Storage;

/// <summary>What a <see cref="CatalogBatchWriter"/> did with the rows it was given.</summary>
/// <param name="Written">Rows new or changed, upserted (merge) with their content.</param>
/// <param name="Skipped">Rows whose stored content hash matched, so their content was not rewritten
/// (plus rows superseded by a later row with the same key in the same batch).</param>
/// <param name="RecordedAsSeen">Of the skipped rows, those last marked by an older run: recorded in this run's seen ledger for the sweep.</param>
/// <param name="Failed">Rows that could not be stored (see <paramref name="Failures"/>).</param>
/// <param name="Transactions">Entity group transactions submitted successfully.</param>
/// <param name="Failures">The first failures in detail (bounded by <see cref="CatalogStoreOptions.MaxReportedFailures"/>).</param>
public sealed record BatchWriteResult(int Written, int Skipped, int RecordedAsSeen, int Failed, int Transactions, IReadOnlyList<RowWriteFailure> Failures)
{
    /// <summary>Gets the number of rows the writer was given.</summary>
    public int Total => Written + Skipped + Failed;
}
