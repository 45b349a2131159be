using Azure.Data.Tables;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// The stored (content hash, run mark) of rows, loaded once per partition per writer with one
/// projected query (RowKey, ContentHash, LastSeenRun). Bounded: past the capacity the partitions
/// loaded first are forgotten and loaded again if rows for them arrive later.
/// </summary>
internal sealed class StoredMarkCache(TableClient table, int capacity)
{
    private static readonly string[] Projection = ["RowKey", RowEncoder.ContentHashProperty, RowEncoder.LastSeenRunProperty];

    private readonly object gate = new();
    private readonly Dictionary<string, Task<Dictionary<string, StoredMark>>> partitions = new(StringComparer.Ordinal);
    private readonly Queue<string> loadOrder = new();
    private int cachedEntries;

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
            while (cachedEntries > capacity && loadOrder.Count > 1 && loadOrder.Peek() != partitionKey)
            {
                string oldest = loadOrder.Dequeue();
                if (partitions.Remove(oldest, out var evicted) && evicted.IsCompletedSuccessfully)
                {
                    cachedEntries -= evicted.Result.Count;
                }
            }
        }

        return marks;
    }
}

/// <summary>What the store holds for a row: its content hash and the last run that saw it.</summary>
internal readonly record struct StoredMark(string? ContentHash, string? LastSeenRun);
