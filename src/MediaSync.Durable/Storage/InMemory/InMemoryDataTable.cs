namespace MediaSync.Durable.Storage.InMemory;

internal sealed class InMemoryDataTable(string name, TimeProvider timeProvider) : IDataTable
{
    private readonly Lock sync = new();
    private readonly SortedDictionary<(string Pk, string Rk), Stored> rows = new(KeyComparer.Instance);
    private long etagCounter;

    public string Name { get; } = name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteIfExistsAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            rows.Clear();
        }

        return Task.CompletedTask;
    }

    public Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sync)
        {
            return Task.FromResult(rows.TryGetValue((partitionKey, rowKey), out var s) ? s.ToRow(partitionKey, rowKey, null) : null);
        }
    }

    public Task<TablePage> QueryAsync(TableQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new List<TableRow>();
        string? next = null;
        lock (sync)
        {
            foreach (var ((pk, rk), stored) in rows)
            {
                if (continuationToken is not null && string.CompareOrdinal(pk + "\u0000" + rk, continuationToken) < 0)
                {
                    continue;
                }

                if (!Matches(query, pk, rk, stored.Properties))
                {
                    continue;
                }

                if (result.Count == query.PageSize)
                {
                    next = pk + "\u0000" + rk;
                    break;
                }

                result.Add(stored.ToRow(pk, rk, query.Select));
            }
        }

        return Task.FromResult(new TablePage(result, next));
    }

    public Task<IReadOnlyList<string>> ExecuteBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (operations.Count is 0 or > 100)
        {
            throw new ArgumentException($"A transaction has 1 to 100 operations, not {operations.Count}.", nameof(operations));
        }

        if (operations.Select(o => o.Row.PartitionKey).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            throw new ArgumentException("All operations of a transaction must share one PartitionKey.", nameof(operations));
        }

        lock (sync)
        {
            // Validate everything first: a transaction is all or nothing.
            for (int i = 0; i < operations.Count; i++)
            {
                var op = operations[i];
                bool exists = rows.TryGetValue((op.Row.PartitionKey, op.Row.RowKey), out var current);
                switch (op.Kind)
                {
                    case TableOperationKind.Insert when exists:
                        throw new StorageConflictException($"Operation {i}: row ({op.Row.PartitionKey}, {op.Row.RowKey}) already exists in {Name}.");
                    case TableOperationKind.Replace when !exists || current!.ETag != op.IfMatch:
                    case TableOperationKind.Delete when op.IfMatch is not null && (!exists || current!.ETag != op.IfMatch):
                        throw new StorageConflictException($"Operation {i}: the ETag of ({op.Row.PartitionKey}, {op.Row.RowKey}) in {Name} no longer matches.");
                }
            }

            // Like Azure's Timestamp: the server's clock at the write, the same for the whole transaction.
            var now = timeProvider.GetUtcNow();
            var etags = new string[operations.Count];
            for (int i = 0; i < operations.Count; i++)
            {
                var op = operations[i];
                var key = (op.Row.PartitionKey, op.Row.RowKey);
                if (op.Kind == TableOperationKind.Delete)
                {
                    rows.Remove(key);
                    etags[i] = string.Empty;
                    continue;
                }

                string etag = $"W/\"{++etagCounter}\"";
                rows[key] = new Stored(etag, now, Copy(op.Row.Properties));
                etags[i] = etag;
            }

            return Task.FromResult<IReadOnlyList<string>>(etags);
        }
    }

    private static bool Matches(TableQuery q, string pk, string rk, Dictionary<string, object?> props)
    {
        if (q.PartitionKey is not null && pk != q.PartitionKey)
        {
            return false;
        }

        if (q.PartitionKeyPrefix is not null && !pk.StartsWith(q.PartitionKeyPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (q.RowKeyFrom is not null && string.CompareOrdinal(rk, q.RowKeyFrom) < 0)
        {
            return false;
        }

        foreach (var c in q.Conditions)
        {
            object? value = c.Property switch
            {
                "PartitionKey" => pk,
                "RowKey" => rk,
                _ => props.GetValueOrDefault(c.Property),
            };
            if (value is null)
            {
                return false;
            }

            if (c.AnyOf is { } any)
            {
                if (!any.Any(a => Compare(value, a) == 0))
                {
                    return false;
                }

                continue;
            }

            int cmp = Compare(value, c.Value);
            bool ok = c.Comparison switch
            {
                TableComparison.Equal => cmp == 0,
                TableComparison.GreaterThanOrEqual => cmp >= 0,
                TableComparison.LessThanOrEqual => cmp <= 0,
                TableComparison.LessThan => cmp < 0,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static int Compare(object a, object b) => (a, b) switch
    {
        (string x, string y) => string.CompareOrdinal(x, y),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        (long x, long y) => x.CompareTo(y),
        (int x, int y) => x.CompareTo(y),
        (long x, int y) => x.CompareTo(y),
        (int x, long y) => ((long)x).CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        _ => throw new ArgumentException($"Cannot compare {a.GetType().Name} with {b.GetType().Name}."),
    };

    private static Dictionary<string, object?> Copy(Dictionary<string, object?> source)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in source)
        {
            if (v is not null)
            {
                copy[k] = v is byte[] b ? b.ToArray() : v;
            }
        }

        return copy;
    }

    private sealed record Stored(string ETag, DateTimeOffset Timestamp, Dictionary<string, object?> Properties)
    {
        public TableRow ToRow(string pk, string rk, IReadOnlyList<string>? select)
        {
            var props = Copy(Properties);
            if (select is not null)
            {
                foreach (string key in props.Keys.Where(k => !select.Contains(k)).ToList())
                {
                    props.Remove(key);
                }
            }

            return new TableRow(pk, rk) { ETag = ETag, Timestamp = Timestamp, Properties = props };
        }
    }

    private sealed class KeyComparer : IComparer<(string Pk, string Rk)>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare((string Pk, string Rk) x, (string Pk, string Rk) y)
        {
            int c = string.CompareOrdinal(x.Pk, y.Pk);
            return c != 0 ? c : string.CompareOrdinal(x.Rk, y.Rk);
        }
    }
}
