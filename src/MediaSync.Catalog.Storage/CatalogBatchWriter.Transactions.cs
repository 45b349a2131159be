using Azure;
using Azure.Data.Tables;

namespace MediaSync.Catalog.Storage;

/// <summary>Submitting one partition's rows: skip unchanged, retry transient failures, isolate bad rows.</summary>
public sealed partial class CatalogBatchWriter
{
    private async Task WriteChunkAsync(string partitionKey, List<EncodedRow> rows, CancellationToken cancellationToken)
    {
        Dictionary<string, StoredMark>? stored = null;
        try
        {
            // Rows expected to be new have no stored hashes worth a query; null merges them all.
            if (!rowsAreNew)
            {
                stored = await marks.GetAsync(partitionKey, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex)
        {
            // Without the stored hashes every row counts as changed and is merged: an upsert too many is
            // harmless, a row lost (or an enrichment property replaced away) is not.
            Log.StoredHashesUnavailable(logger, table.Name, partitionKey, ex.Status);
            stored = null;
        }

        var changed = new List<EncodedRow>(rows.Count);
        var seenUnchanged = new List<string>();
        if (stored is null)
        {
            changed.AddRange(rows);
        }
        else
        {
            // Chunks of one partition with distinct rows run concurrently and share the partition's marks.
            lock (stored)
            {
                foreach (var row in rows)
                {
                    if (stored.TryGetValue(row.RowKey, out var mark) && mark.ContentHash == row.ContentHash)
                    {
                        Interlocked.Increment(ref skipped);
                        if (mark.LastSeenRun != runId)
                        {
                            seenUnchanged.Add(row.RowKey);
                        }
                    }
                    else
                    {
                        changed.Add(row);
                    }
                }
            }
        }

        if (seenUnchanged.Count > 0)
        {
            Interlocked.Add(ref recordedAsSeen, seenUnchanged.Count);
            try
            {
                await seenLedger.AddAsync(partitionKey, seenUnchanged, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // The ledger kept the keys; FlushAsync writes them or throws, so nothing is silently lost.
            }
        }

        await SubmitAsync(partitionKey, changed, stored, cancellationToken).ConfigureAwait(false);
    }

    private async Task SubmitAsync(string partitionKey, List<EncodedRow> operations, Dictionary<string, StoredMark>? stored, CancellationToken cancellationToken)
    {
        if (operations.Count == 0)
        {
            return;
        }

        for (int attempt = 1; ; attempt++)
        {
            int status;
            int? failedIndex = null;
            string reason;
            try
            {
                await table.SubmitTransactionAsync(ToActions(operations, stored), cancellationToken).ConfigureAwait(false);
                Succeeded(partitionKey, operations, stored);
                return;
            }
            catch (TableTransactionFailedException ex)
            {
                (status, failedIndex, reason) = (ex.Status, ex.FailedTransactionActionIndex, Describe(ex));
            }
            catch (RequestFailedException ex)
            {
                (status, reason) = (ex.Status, Describe(ex));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The SDK gave up on a request that timed out: as transient as a 503.
                (status, reason) = (408, "the request timed out");
            }

            if (IsTransient(status))
            {
                if (attempt < options.MaxTransactionAttempts)
                {
                    var delay = options.RetryBaseDelay * Math.Pow(2, attempt - 1);
                    Log.TransientTransactionFailure(logger, operations.Count, table.Name, partitionKey, status, attempt, delay);
                    await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var operation in operations)
                {
                    Fail(operation, $"{reason}, still failing after {attempt} attempts");
                }

                return;
            }

            await IsolateAsync(partitionKey, operations, failedIndex, reason, stored, cancellationToken).ConfigureAwait(false);
            return;
        }
    }

    /// <summary>
    /// A transaction is all or nothing, so one bad row fails its neighbours: split the rows so the bad
    /// one ends up alone, is reported, and the rest are written.
    /// </summary>
    private async Task IsolateAsync(
        string partitionKey, List<EncodedRow> operations, int? failedIndex, string reason, Dictionary<string, StoredMark>? stored, CancellationToken cancellationToken)
    {
        if (operations.Count == 1)
        {
            Fail(operations[0], reason);
            return;
        }

        List<EncodedRow> first, second;
        if (failedIndex is int index && index >= 0 && index < operations.Count)
        {
            // The service named the culprit; it is still retried alone, so a wrong index costs a request, not a row.
            first = [operations[index]];
            second = [.. operations.Take(index), .. operations.Skip(index + 1)];
        }
        else
        {
            int half = operations.Count / 2;
            first = operations.GetRange(0, half);
            second = operations.GetRange(half, operations.Count - half);
        }

        await SubmitAsync(partitionKey, first, stored, cancellationToken).ConfigureAwait(false);
        await SubmitAsync(partitionKey, second, stored, cancellationToken).ConfigureAwait(false);
    }

    private void Succeeded(string partitionKey, List<EncodedRow> rows, Dictionary<string, StoredMark>? stored)
    {
        Interlocked.Increment(ref transactions);
        Interlocked.Add(ref written, rows.Count);
        if (stored is not null)
        {
            marks.Remember(partitionKey, stored, rows.Select(row => (row.RowKey, new StoredMark(row.ContentHash, runId))));
        }
    }

    private void Fail(EncodedRow row, string reason) =>
        Fail(TableKeyEscaper.Unescape(row.PartitionKey), row.LogicalRowKey, reason);

    /// <summary>
    /// A changed row is merged, so properties other writers add (enrichment) survive. A row the partition
    /// did not hold when its hashes were read is replaced instead: with nothing to merge into the result is
    /// the same, and Azurite takes a replace of a new row markedly faster than a merge.
    /// </summary>
    private static List<TableTransactionAction> ToActions(List<EncodedRow> rows, Dictionary<string, StoredMark>? stored)
    {
        if (stored is null)
        {
            return [.. rows.Select(row => Merge(row))];
        }

        lock (stored)
        {
            return [.. rows.Select(row => stored.ContainsKey(row.RowKey) ? Merge(row) : new(TableTransactionActionType.UpsertReplace, row.Entity))];
        }

        static TableTransactionAction Merge(EncodedRow row) => new(TableTransactionActionType.UpsertMerge, RowEncoder.ClearStaleMarkers(row.Entity));
    }

    private static bool IsTransient(int status) => status is 0 or 408 or 429 or 500 or 502 or 503 or 504;

    // The status and error code say what failed; the message text could echo row content, so it stays out.
    private static string Describe(RequestFailedException ex) =>
        $"HTTP {ex.Status} {(string.IsNullOrEmpty(ex.ErrorCode) ? "(no error code)" : ex.ErrorCode)}";
}
