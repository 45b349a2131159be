using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// The run's ledger of rows it saw unchanged, in the SyncSeen table: PartitionKey the run id, RowKey
/// <c>{table}^|{partition}^|{writerId}-{sequence}</c>, the escaped row keys joined by newlines.
/// </summary>
/// <remarks>
/// <para>Why a ledger instead of rewriting <c>LastSeenRun</c> on every unchanged row: on the service, and
/// measurably on Azurite, a merge of one property costs about as much as a merge of the whole row, so a
/// re-sync of an unchanged catalog would still cost one write per row. With the ledger it costs one
/// projected query and one small write per partition. The sweep treats a row as seen when its
/// <c>LastSeenRun</c> is the run or the ledger lists it.</para>
/// <para><c>^|</c> cannot occur inside an escaped key (<c>^</c> is always followed by two hex digits), so a
/// partition's prefix never matches another partition's records. Each writer writes its own records, so
/// concurrent writers into one partition never overwrite each other.</para>
/// </remarks>
internal sealed class SeenLedger
{
    /// <summary>Separates the parts of a ledger row key.</summary>
    public const string Separator = "^|";

    /// <summary>Keys (in characters) per record: a few parts of 32 K characters, well under the 1 MiB entity limit.</summary>
    private const int MaxRecordChars = 200_000;

    /// <summary>Keys held in memory across all partitions before they are written out.</summary>
    private const int MaxPendingChars = 1_000_000;

    private const int PartChars = 32_000;

    private readonly TableClient ledger;
    private readonly string runKey;
    private readonly string recordPrefix;
    private readonly string writerId = Guid.NewGuid().ToString("N")[..12];
    private readonly object gate = new();
    private readonly Dictionary<string, StringBuilder> pending = new(StringComparer.Ordinal);
    private int pendingChars;
    private int sequence;

    public SeenLedger(TableClient ledger, CatalogTable table, string runId)
    {
        this.ledger = ledger;
        runKey = TableKeyEscaper.Escape(runId);
        recordPrefix = table + Separator;
    }

    /// <summary>Notes rows of one partition as seen; writes records that grew big enough.</summary>
    public Task AddAsync(string partitionKey, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        List<(string Partition, string Keys)> due = [];
        lock (gate)
        {
            if (!pending.TryGetValue(partitionKey, out var keys))
            {
                keys = new StringBuilder();
                pending[partitionKey] = keys;
            }

            foreach (string rowKey in rowKeys)
            {
                keys.Append(rowKey).Append('\n');
                pendingChars += rowKey.Length + 1;
            }

            if (pendingChars > MaxPendingChars)
            {
                due.AddRange(TakeAll());
            }
            else if (keys.Length > MaxRecordChars)
            {
                due.Add(Take(partitionKey));
            }
        }

        return WriteAsync(due, cancellationToken);
    }

    /// <summary>Writes every pending record.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        List<(string Partition, string Keys)> due;
        lock (gate)
        {
            due = TakeAll();
        }

        return WriteAsync(due, cancellationToken);
    }

    /// <summary>The row keys of one partition that the run saw unchanged.</summary>
    public static async Task<HashSet<string>> LoadAsync(
        TableClient ledger, string runId, CatalogTable table, string partitionKey, CancellationToken cancellationToken)
    {
        string prefix = table + Separator + partitionKey + Separator;
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeyEscaper.Escape(runId)} and RowKey gt {prefix} and RowKey lt {TableKeyEscaper.PrefixUpperBound(prefix)}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in ledger.QueryAsync<TableEntity>(filter, 100, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var keys = new StringBuilder();
            int parts = record.GetInt32("Parts") ?? 0;
            for (int i = 0; i < parts; i++)
            {
                keys.Append(record.GetString(PartName(i)));
            }

            foreach (string key in keys.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                seen.Add(key);
            }
        }

        return seen;
    }

    /// <summary>Deletes a run's ledger once its sweep has used it.</summary>
    public static async Task DeleteRunAsync(TableClient ledger, string runId, CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeyEscaper.Escape(runId)}");
        await foreach (var record in ledger.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
        {
            using var response = await ledger.DeleteEntityAsync(record.PartitionKey, record.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<(string Partition, string Keys)> TakeAll() => pending.Keys.ToList().Select(Take).Where(r => r.Keys.Length > 0).ToList();

    private (string Partition, string Keys) Take(string partitionKey)
    {
        pending.Remove(partitionKey, out var keys);
        pendingChars -= keys!.Length;
        return (partitionKey, keys.ToString());
    }

    private async Task WriteAsync(List<(string Partition, string Keys)> records, CancellationToken cancellationToken)
    {
        for (int i = 0; i < records.Count; i++)
        {
            try
            {
                await WriteRecordAsync(records[i].Partition, records[i].Keys, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Lost keys would look unseen to the sweep; keep them for the next write or the final flush,
                // which throws if storage still refuses, so the unit is not checkpointed as complete.
                lock (gate)
                {
                    foreach (var (partition, keys) in records.Skip(i))
                    {
                        if (!pending.TryGetValue(partition, out var builder))
                        {
                            builder = new StringBuilder();
                            pending[partition] = builder;
                        }

                        builder.Append(keys);
                        pendingChars += keys.Length;
                    }
                }

                throw;
            }
        }
    }

    private async Task WriteRecordAsync(string partition, string keys, CancellationToken cancellationToken)
    {
        int number = Interlocked.Increment(ref sequence);
        var entity = new TableEntity(runKey, string.Create(CultureInfo.InvariantCulture, $"{recordPrefix}{partition}{Separator}{writerId}-{number:D6}"));
        int parts = 0;
        for (int start = 0; start < keys.Length; start += PartChars, parts++)
        {
            entity[PartName(parts)] = keys.Substring(start, Math.Min(PartChars, keys.Length - start));
        }

        entity["Parts"] = parts;
        await ledger.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static string PartName(int part) => string.Create(CultureInfo.InvariantCulture, $"Keys{part}");
}
