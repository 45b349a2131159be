using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// Streams rows of one sync run into one catalog table: groups them per partition into entity group
/// transactions (at most <see cref="CatalogStoreOptions.MaxBatchOperations"/> operations and
/// <see cref="CatalogStoreOptions.MaxBatchPayloadBytes"/> bytes), writes transactions concurrently
/// (<see cref="CatalogStoreOptions.WriteConcurrency"/>; within a partition too, unless they share a row), and skips
/// rows whose content hash is unchanged.
/// </summary>
/// <remarks>
/// <para>Memory stays bounded, whatever the input size: <see cref="AddAsync"/> waits while every transaction
/// slot is busy, and the fullest partition buffer is submitted early once the writer holds more than
/// <see cref="CatalogStoreOptions.MaxBufferedRows"/> rows; in flight are at most batch size × concurrency rows.</para>
/// <para>Every row written carries the run mark <c>LastSeenRun</c>. A row with unchanged content is not
/// written at all: when its mark is from an older run, its key goes to the run's seen ledger (one record
/// per partition, see <see cref="SeenLedger"/>), so the sweep can still delete exactly the rows a complete
/// run did not see; a row already marked with this run (a resumed or repeated unit) costs nothing.
/// <see cref="FlushAsync"/> returns only after the ledger is stored, so a unit checkpointed after it is safe.</para>
/// <para>One producer: <see cref="AddAsync"/> and <see cref="FlushAsync"/> must not be called concurrently.</para>
/// </remarks>
public sealed partial class CatalogBatchWriter : IAsyncDisposable
{
    private readonly TableClient table;
    private readonly string runId;
    private readonly CatalogStoreOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly StoredMarkCache marks;
    private readonly SeenLedger seenLedger;
    private readonly SemaphoreSlim slots;
    private readonly Dictionary<string, PartitionBuffer> buffers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ChunkInFlight>> chunksByPartition = new(StringComparer.Ordinal);
    private readonly List<Task> inFlight = [];
    private readonly ConcurrentQueue<RowWriteFailure> failures = new();
    private readonly int maxBufferedRows;
    private readonly bool rowsAreNew;
    private int bufferedRows;
    private int written;
    private int skipped;
    private int recordedAsSeen;
    private int failed;
    private int transactions;

    internal CatalogBatchWriter(TableClient table, CatalogTable catalogTable, TableClient ledger, string runId, CatalogStoreOptions options, ILogger logger, TimeProvider timeProvider, bool rowsAreNew = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        this.table = table;
        this.runId = runId;
        this.options = options;
        this.logger = logger;
        this.timeProvider = timeProvider;
        marks = new StoredMarkCache(table, options.HashCacheCapacity);
        seenLedger = new SeenLedger(ledger, catalogTable, runId);
        slots = new SemaphoreSlim(options.WriteConcurrency, options.WriteConcurrency);
        this.rowsAreNew = rowsAreNew;
        maxBufferedRows = Math.Max(options.MaxBufferedRows, options.MaxBatchOperations * options.WriteConcurrency);
    }

    /// <summary>Adds a row; a full partition batch is submitted in the background.</summary>
    /// <param name="row">The row.</param>
    /// <param name="cancellationToken">Cancels waiting for a free transaction slot.</param>
    /// <returns>A task that completes when the row is buffered.</returns>
    public async ValueTask AddAsync(CatalogRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        EncodedRow encoded;
        try
        {
            encoded = RowEncoder.Encode(row, runId);
        }
        catch (ArgumentException ex)
        {
            // Bad input fails its own row, with the reason, and nothing else.
            Fail(row.PartitionKey, row.RowKey, ex.Message);
            return;
        }

        if (!buffers.TryGetValue(encoded.PartitionKey, out var buffer))
        {
            buffer = new PartitionBuffer();
            buffers[encoded.PartitionKey] = buffer;
        }
        else if (buffer.PayloadBytes + encoded.PayloadBytes > options.MaxBatchPayloadBytes)
        {
            await DispatchAsync(encoded.PartitionKey, cancellationToken).ConfigureAwait(false);
            buffer = new PartitionBuffer();
            buffers[encoded.PartitionKey] = buffer;
        }

        if (buffer.Add(encoded))
        {
            bufferedRows++;
        }
        else
        {
            // The earlier row with this key never reaches storage: the later one supersedes it.
            Interlocked.Increment(ref skipped);
        }

        if (buffer.Rows.Count >= options.MaxBatchOperations)
        {
            await DispatchAsync(encoded.PartitionKey, cancellationToken).ConfigureAwait(false);
        }
        else if (bufferedRows > maxBufferedRows)
        {
            string largest = buffers.MaxBy(b => b.Value.Rows.Count).Key;
            await DispatchAsync(largest, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Submits every buffered row and waits for all transactions.</summary>
    /// <param name="cancellationToken">Cancels waiting for a free transaction slot.</param>
    /// <returns>The counts of everything this writer was given so far.</returns>
    public async Task<BatchWriteResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        foreach (string partition in buffers.Keys.ToList())
        {
            await DispatchAsync(partition, cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        inFlight.Clear();
        chunksByPartition.Clear();
        await seenLedger.FlushAsync(cancellationToken).ConfigureAwait(false);
        var result = new BatchWriteResult(written, skipped, recordedAsSeen, failed, transactions, failures.ToArray());
        Log.BatchWritten(logger, table.Name, runId, written, skipped, recordedAsSeen, failed, transactions);
        return result;
    }

    /// <summary>Waits for transactions already submitted; rows still buffered are not written.</summary>
    /// <returns>A task that completes when nothing is in flight.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Disposal must not throw; the failures were counted or surfaced by FlushAsync.
        }

        slots.Dispose();
    }

    private async Task DispatchAsync(string partitionKey, CancellationToken cancellationToken)
    {
        if (!buffers.Remove(partitionKey, out var buffer) || buffer.Rows.Count == 0)
        {
            return;
        }

        bufferedRows -= buffer.Rows.Count;
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);

        // A chunk waits only for the partition's chunks in flight that hold one of its row keys, so a row repeated
        // later in the input can never be overtaken by its older version; chunks of distinct rows (a category's
        // list, a series' episodes) go out together instead of one transaction at a time.
        if (!chunksByPartition.TryGetValue(partitionKey, out var chunks))
        {
            chunks = [];
            chunksByPartition[partitionKey] = chunks;
        }

        chunks.RemoveAll(c => c.Task.IsCompleted);
        Task[] overlapping = [.. chunks.Where(c => buffer.Rows.Exists(row => c.Buffer.Contains(row.RowKey))).Select(c => c.Task)];
        Task previous = overlapping.Length switch
        {
            0 => Task.CompletedTask,
            1 => overlapping[0],
            _ => Task.WhenAll(overlapping),
        };
        var chunk = WriteChunkAfterAsync(previous, partitionKey, buffer.Rows, cancellationToken);
        chunks.Add(new ChunkInFlight(chunk, buffer));
        inFlight.Add(chunk);
        if (inFlight.Count > 4 * options.WriteConcurrency)
        {
            inFlight.RemoveAll(t => t.IsCompleted && !t.IsFaulted && !t.IsCanceled);
            foreach (var done in chunksByPartition.Where(p => p.Value.TrueForAll(c => c.Task.IsCompletedSuccessfully)).Select(p => p.Key).ToList())
            {
                chunksByPartition.Remove(done);
            }
        }
    }

    private async Task WriteChunkAfterAsync(Task previous, string partitionKey, List<EncodedRow> rows, CancellationToken cancellationToken)
    {
        try
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await WriteChunkAsync(partitionKey, rows, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private void Fail(string partitionKey, string rowKey, string reason)
    {
        Interlocked.Increment(ref failed);
        if (failures.Count < options.MaxReportedFailures)
        {
            failures.Enqueue(new RowWriteFailure(partitionKey, rowKey, reason));
        }

        Log.RowRejected(logger, table.Name, partitionKey, rowKey, reason);
    }

    /// <summary>A submitted chunk of one partition and its rows, for chunks submitted later to wait on when they share a row.</summary>
    private sealed record ChunkInFlight(Task Task, PartitionBuffer Buffer);

    /// <summary>One partition's rows waiting for a transaction; a repeated row key replaces the earlier row.</summary>
    private sealed class PartitionBuffer
    {
        private readonly Dictionary<string, int> indexByRowKey = new(StringComparer.Ordinal);

        public List<EncodedRow> Rows { get; } = [];

        public int PayloadBytes { get; private set; }

        public bool Contains(string rowKey) => indexByRowKey.ContainsKey(rowKey);

        /// <summary>Adds the row; <see langword="false"/> when it replaced a row with the same key.</summary>
        public bool Add(EncodedRow row)
        {
            PayloadBytes += row.PayloadBytes;
            if (indexByRowKey.TryGetValue(row.RowKey, out int index))
            {
                PayloadBytes -= Rows[index].PayloadBytes;
                Rows[index] = row;
                return false;
            }

            indexByRowKey[row.RowKey] = Rows.Count;
            Rows.Add(row);
            return true;
        }
    }
}
