using Azure.Data.Tables;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// The stored (content hash, run mark) of rows, loaded once per partition per writer with one
/// projected query (RowKey, ContentHash, LastSeenRun). Bounded: past the capacity the partitions
/// loaded first are forgotten and loaded again if rows for them arrive later. Rows the writer adds to a loaded
/// partition count toward the capacity too, so a sync of new rows cannot grow it without bound.
/// </summary>
internal sealed class StoredMarkCache(TableClient table, int capacity)
{
    private static readonly string[] Projection = ["RowKey", RowEncoder.ContentHashProperty, RowEncoder.LastSeenRunProperty];

    private readonly object gate = new();
    private readonly Dictionary<string, Task<Dictionary<string, StoredMark>>> partitions = new(StringComparer.Ordinal);
    private readonly Queue<string> loadOrder = new();
    private int cachedEntries;

    /// <summary>Gets how many marks the cache holds (for tests).</summary>
    internal int CachedEntries
    {
        get
        {
            lock (gate)
            {
                return cachedEntries;
            }
        }
    }

    public async Task<Dictionary<string, StoredMark>> GetAsync(string partitionKey, CancellationToken cancellationToken)
    {
        Task<Dictionary<string, StoredMark>> load;
        lock (gate)
        {
            if (!partitions.TryGetValue(partitionKey, out load!))
            {
                load = LoadAsync(partitionKey, cancellationToken);
                partitions[partitionKey] = load;
                loadOrder.Enqueue(partitionKey);
            }
        }

        try
        {
            return await load.ConfigureAwait(false);
        }
        catch
        {
            lock (gate)
            {
                // Let the next chunk of this partition try again instead of inheriting the failure.
                if (partitions.TryGetValue(partitionKey, out var current) && current == load)
                {
                    partitions.Remove(partitionKey);
                }
            }

            throw;
        }
    }

    private async Task<Dictionary<string, StoredMark>> LoadAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var marks = new Dictionary<string, StoredMark>(StringComparer.Ordinal);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, 1000, Projection, cancellationToken).ConfigureAwait(false))
        {
            marks[entity.RowKey] = new StoredMark(
                entity.GetString(RowEncoder.ContentHashProperty), entity.GetString(RowEncoder.LastSeenRunProperty));
        }

        lock (gate)
        {
            cachedEntries += marks.Count;
            EvictOldestBeyondCapacity(partitionKey);
        }

        return marks;
    }

    /// <summary>
    /// Records marks of rows just written to a partition whose marks <paramref name="partition"/> are; added rows count
    /// toward the capacity. The writer's concurrent chunks of one partition hold distinct rows and lock the marks.
    /// </summary>
    public void Remember(string partitionKey, Dictionary<string, StoredMark> partition, IEnumerable<(string RowKey, StoredMark Mark)> rows)
    {
        int added = 0;
        lock (partition)
        {
            foreach ((string rowKey, StoredMark mark) in rows)
            {
                if (partition.TryAdd(rowKey, mark))
                {
                    added++;
                }
                else
                {
                    partition[rowKey] = mark;
                }
            }
        }

        lock (gate)
        {
            // Marks of a partition already forgotten are not counted: they go when the writer lets go of it.
            if (added > 0 && partitions.TryGetValue(partitionKey, out var load) && load.IsCompletedSuccessfully && ReferenceEquals(load.Result, partition))
            {
                cachedEntries += added;
                EvictOldestBeyondCapacity(partitionKey);
            }
        }
    }

    // Called under the gate. The partition in use is kept even when it alone is over the capacity.
    private void EvictOldestBeyondCapacity(string inUse)
    {
        while (cachedEntries > capacity && loadOrder.Count > 1 && loadOrder.Peek() != inUse)
        {
            string oldest = loadOrder.Dequeue();
            if (partitions.Remove(oldest, out var evicted) && evicted.IsCompletedSuccessfully)
            {
                cachedEntries -= evicted.Result.Count;
            }
        }
    }
}

/// <summary>What the store holds for a row: its content hash and the last run that saw it.</summary>
internal readonly record struct StoredMark(string? ContentHash, string? LastSeenRun);
