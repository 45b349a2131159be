using Azure;
using Azure.Data.Tables;

namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>An Azure Storage table; transactions map to entity-group transactions.</summary>
internal sealed class AzureDataTable(TableClient client) : IDataTable
{
    private static readonly string[] KeyColumns = ["PartitionKey", "RowKey", "Timestamp"];

    private readonly ResourceExistence existence = new("table", client.Uri);

    public string Name => client.Name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) =>
        existence.EnsureCreatedAsync(ct => client.CreateIfNotExistsAsync(ct), cancellationToken);

    public Task DeleteIfExistsAsync(CancellationToken cancellationToken) => existence.DeleteAsync(DeleteTableAsync, cancellationToken);

    public async Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.HasValue ? TableEntityMapper.ToRow(response.Value!) : null;
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    public async Task<TablePage> QueryAsync(TableQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        string? filter = ODataFilter.For(query, out bool canMatch);
        if (!canMatch)
        {
            return new TablePage([], null);
        }

        // Keys are always selected so a projected row still says which row it is.
        IEnumerable<string>? select = query.Select is null ? null : KeyColumns.Concat(query.Select).Distinct(StringComparer.Ordinal).ToList();
        try
        {
            var pages = client.QueryAsync<TableEntity>(filter, query.PageSize, select, cancellationToken)
                .AsPages(continuationToken, query.PageSize)
                .GetAsyncEnumerator(cancellationToken);
            await using (pages.ConfigureAwait(false))
            {
                if (!await pages.MoveNextAsync().ConfigureAwait(false))
                {
                    return new TablePage([], null);
                }

                var page = pages.Current;
                var rows = new TableRow[page.Values.Count];
                for (int i = 0; i < rows.Length; i++)
                {
                    rows[i] = TableEntityMapper.ToRow(page.Values[i]);
                }

                return new TablePage(rows, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    /// <remarks>
    /// An unconditional delete of a missing row fails a whole Azure transaction with 404; the
    /// contract makes it a no-op, so the batch is retried without that operation (one more round
    /// trip, only in that rare case).
    /// </remarks>
    public async Task<IReadOnlyList<string>> ExecuteBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count is 0 or > 100)
        {
            throw new ArgumentException($"A transaction has 1 to 100 operations, not {operations.Count}.", nameof(operations));
        }

        string partitionKey = operations[0].Row.PartitionKey;
        if (operations.Any(o => !string.Equals(o.Row.PartitionKey, partitionKey, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"All operations of a transaction on {Name} must share one PartitionKey.", nameof(operations));
        }

        var etags = new string[operations.Count];
        var pending = Enumerable.Range(0, operations.Count).ToList();
        while (pending.Count > 0)
        {
            var actions = new List<TableTransactionAction>(pending.Count);
            foreach (int i in pending)
            {
                actions.Add(ToAction(operations[i]));
            }

            try
            {
                var responses = (await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false)).Value;
                for (int j = 0; j < pending.Count; j++)
                {
                    etags[pending[j]] = operations[pending[j]].Kind == TableOperationKind.Delete
                        ? string.Empty
                        : responses[j].Headers.ETag?.ToString() ?? string.Empty;
                }

                return etags;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                int? failedAt = (ex as TableTransactionFailedException)?.FailedTransactionActionIndex ?? (pending.Count == 1 ? 0 : null);
                if (failedAt is not int j || j >= pending.Count)
                {
                    throw ex.Status == 404
                        ? new InvalidOperationException($"A transaction on table {Name} failed with 404 {ex.ErrorCode}; does the table exist?", ex)
                        : new StorageConflictException($"A transaction on table {Name} failed a precondition ({ex.Status} {ex.ErrorCode}).", ex);
                }

                var failed = operations[pending[j]];
                if (ex.Status == 404 && failed.Kind == TableOperationKind.Delete && failed.IfMatch is null && ex.ErrorCode != "TableNotFound")
                {
                    etags[pending[j]] = string.Empty;
                    pending.RemoveAt(j);
                    continue;
                }

                throw Translate(ex, pending[j], failed);
            }
            catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
            {
                throw Unreachable(ex);
            }
        }

        return etags;
    }

    private TableTransactionAction ToAction(TableOperation op) => op.Kind switch
    {
        TableOperationKind.Insert => new(TableTransactionActionType.Add, ToEntity(op)),
        TableOperationKind.Replace => new(TableTransactionActionType.UpdateReplace, ToEntity(op), new ETag(op.IfMatch ?? throw new ArgumentException("A Replace needs the ETag it was read with.", nameof(op)))),
        TableOperationKind.UpsertReplace => new(TableTransactionActionType.UpsertReplace, ToEntity(op)),
        TableOperationKind.Delete => new(TableTransactionActionType.Delete, new TableEntity(op.Row.PartitionKey, op.Row.RowKey), TableEntityMapper.ToETag(op.IfMatch)),
        _ => throw new ArgumentException($"Unknown table operation {op.Kind}.", nameof(op)),
    };

    private TableEntity ToEntity(TableOperation op) => TableEntityMapper.ToEntity(op.Row, Name);

    private Exception Translate(RequestFailedException ex, int index, TableOperation failed)
    {
        string row = $"({failed.Row.PartitionKey}, {failed.Row.RowKey}) in {Name}";
        return ex.Status switch
        {
            409 when failed.Kind == TableOperationKind.Insert => new StorageConflictException($"Operation {index}: row {row} already exists.", ex),
            409 or 412 or 404 when failed.Kind is TableOperationKind.Replace or TableOperationKind.Delete =>
                new StorageConflictException($"Operation {index}: the ETag of {row} no longer matches.", ex),
            409 or 412 => new StorageConflictException($"Operation {index} ({failed.Kind}) on {row} conflicted ({ex.ErrorCode}).", ex),
            _ => new InvalidOperationException($"Operation {index} ({failed.Kind}) on {row} failed with {ex.Status} {ex.ErrorCode}.", ex),
        };
    }

    private async Task DeleteTableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    private StorageUnreachableException Unreachable(Exception ex) => AzureErrors.Unreachable("table", client.Uri, ex);
}
