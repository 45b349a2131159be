namespace MediaSync.Durable.Storage;

/// <summary>A table with optimistic concurrency and entity-group transactions (Azure Table semantics).</summary>
internal interface IDataTable
{
    string Name { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken);

    Task DeleteIfExistsAsync(CancellationToken cancellationToken);

    /// <summary>A point read; null when the row does not exist.</summary>
    Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>One page of rows matching <paramref name="query"/>.</summary>
    Task<TablePage> QueryAsync(TableQuery query, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>
    /// Runs all operations (one partition, ≤ 100) atomically and returns the new ETags in operation order.
    /// Throws <see cref="StorageConflictException"/> when a precondition fails (412, or 409 for an insert of an existing row).
    /// </summary>
    Task<IReadOnlyList<string>> ExecuteBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken);
}
