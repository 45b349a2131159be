using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediaSync.Durable.Storage;

namespace MediaSync.Durable.Engine;

/// <summary>
/// Reads and commits instances in the History table (a state row <c>s</c> plus one page row
/// <c>p{seq}</c> per commit) and keeps the derived Instances index. A commit is one entity-group
/// transaction guarded by the state row's ETag.
/// </summary>
internal sealed class InstanceStore(IDataTable history, IDataTable index, PayloadStore payloads)
{
    private const string StateRowKey = "s";
    private const string EntityKind = "entity";
    private const int MaxConsumedChunks = 8;
    private const string PagePrefix = "p";
    private const int ChunkBytes = 60 * 1024;
    private const int MaxInlinePageBytes = 800 * 1024;

    public PayloadStore Payloads => payloads;

    public static string PageKey(long seq) => PagePrefix + seq.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The state row alone (a point read), or null.</summary>
    public async Task<(InstanceState State, string ETag)?> GetStateAsync(string instanceId, CancellationToken ct)
    {
        var row = await history.GetAsync(KeySanitizer.Escape(instanceId), StateRowKey, ct).ConfigureAwait(false);
        return row is null ? null : (ReadState(instanceId, row), row.ETag!);
    }

    /// <summary>The state and the current execution's pages, or null when the instance does not exist.</summary>
    public async Task<InstanceRecord?> LoadAsync(string instanceId, CancellationToken ct)
    {
        string pk = KeySanitizer.Escape(instanceId);
        var rows = new List<TableRow>();
        string? token = null;
        do
        {
            var page = await history.QueryAsync(new TableQuery { PartitionKey = pk }, token, ct).ConfigureAwait(false);
            rows.AddRange(page.Rows);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var stateRow = rows.Find(r => r.RowKey == StateRowKey);
        if (stateRow is null)
        {
            return null;
        }

        var state = ReadState(instanceId, stateRow);
        var record = new InstanceRecord { State = state, ETag = stateRow.ETag };
        foreach (var row in rows.Where(r => r.RowKey.StartsWith(PagePrefix, StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (row.GetString("ExecutionId") != state.ExecutionId)
            {
                continue;
            }

            record.Pages.Add(await ReadPageAsync(row, ct).ConfigureAwait(false));
        }

        return record;
    }

    /// <summary>
    /// Commits one turn: inserts the page, writes the state row (If-Match the loaded ETag, or insert),
    /// and deletes up to <paramref name="pagesToDelete"/> old pages in the same transaction.
    /// Throws <see cref="StorageConflictException"/> when someone else committed first.
    /// </summary>
    public async Task CommitAsync(InstanceRecord record, InstanceState newState, HistoryPage? page, IReadOnlyList<long> pagesToDelete, CancellationToken ct)
    {
        string pk = KeySanitizer.Escape(newState.InstanceId);
        var stateRow = await WriteStateAsync(pk, newState, ct).ConfigureAwait(false);
        var ops = new List<TableOperation>
        {
            record.ETag is null ? TableOperation.Insert(stateRow) : TableOperation.Replace(stateRow, record.ETag),
        };

        // An entity commit without messages to send needs no page: the state row is all of it.
        if (page is not null)
        {
            ops.Add(TableOperation.Insert(await WritePageAsync(pk, newState.InstanceId, page, ct).ConfigureAwait(false)));
        }

        foreach (long seq in pagesToDelete.Take(98))
        {
            ops.Add(TableOperation.Delete(pk, PageKey(seq)));
        }

        var etags = await history.ExecuteBatchAsync(ops, ct).ConfigureAwait(false);
        record.ETag = etags[0];
        record.State = newState;
    }

    /// <summary>Entity state rows whose instance id starts with <paramref name="instanceIdPrefix"/>, one page at a time.</summary>
    public async Task<(IReadOnlyList<(InstanceState State, string ETag)> Rows, string? ContinuationToken)> QueryEntitiesAsync(string instanceIdPrefix, int pageSize, string? continuationToken, CancellationToken ct)
    {
        var query = new TableQuery
        {
            PartitionKeyPrefix = KeySanitizer.Escape(instanceIdPrefix),
            Conditions = [new TableCondition("Kind", TableComparison.Equal, EntityKind)],
            PageSize = pageSize,
        };
        var page = await history.QueryAsync(query, continuationToken, ct).ConfigureAwait(false);
        var rows = page.Rows.Where(r => r.RowKey == StateRowKey)
            .Select(r => (ReadState(KeySanitizer.Unescape(r.PartitionKey), r), r.ETag!))
            .ToList();
        return (rows, page.ContinuationToken);
    }

    /// <summary>Deletes an entity's state row if it is still at <paramref name="etag"/>, then its pages and blobs; false when it changed meanwhile.</summary>
    public async Task<bool> DeleteEntityAsync(string instanceId, string etag, CancellationToken ct)
    {
        try
        {
            await history.ExecuteBatchAsync([TableOperation.Delete(KeySanitizer.Escape(instanceId), StateRowKey, etag)], ct).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            return false;
        }

        await PurgeAsync(instanceId, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Writes the state row alone (client start, poison); conditional on <paramref name="etag"/> or insert when null.</summary>
    public async Task<string> WriteStateOnlyAsync(InstanceState state, string? etag, CancellationToken ct)
    {
        string pk = KeySanitizer.Escape(state.InstanceId);
        var row = await WriteStateAsync(pk, state, ct).ConfigureAwait(false);
        var op = etag is null ? TableOperation.Insert(row) : TableOperation.Replace(row, etag);
        var etags = await history.ExecuteBatchAsync([op], ct).ConfigureAwait(false);
        return etags[0];
    }

    /// <summary>Upserts the query index row; derived from the state row, so losing a write only delays what queries see.</summary>
    public Task UpsertIndexAsync(InstanceState state, CancellationToken ct) => index.ExecuteBatchAsync([TableOperation.Upsert(IndexRow(state))], ct);

    /// <summary>Inserts the index row unless one exists: a row already there was written by a turn, and is newer.</summary>
    public async Task InsertIndexIfAbsentAsync(InstanceState state, CancellationToken ct)
    {
        try
        {
            await index.ExecuteBatchAsync([TableOperation.Insert(IndexRow(state))], ct).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // The first turn got there first.
        }
    }

    private static TableRow IndexRow(InstanceState state) => new(KeySanitizer.Escape(state.InstanceId), string.Empty)
    {
        ["InstanceId"] = state.InstanceId,
        ["Name"] = state.Name,
        ["ExecutionId"] = state.ExecutionId,
        ["Status"] = (int)state.Status,
        ["CreatedAt"] = state.CreatedAt,
        ["LastUpdatedAt"] = state.LastUpdatedAt,
        ["CommitSeq"] = state.CommitSeq,
        ["CustomStatus"] = state.CustomStatus,
    };

    public async Task<TablePage> QueryIndexAsync(TableQuery query, string? continuationToken, CancellationToken ct) =>
        await index.QueryAsync(query, continuationToken, ct).ConfigureAwait(false);

    /// <summary>Deletes every row and blob of an instance.</summary>
    public async Task PurgeAsync(string instanceId, CancellationToken ct)
    {
        string pk = KeySanitizer.Escape(instanceId);
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await history.QueryAsync(new TableQuery { PartitionKey = pk, Select = ["RowKey"] }, token, ct).ConfigureAwait(false);
            keys.AddRange(page.Rows.Select(r => r.RowKey));
            token = page.ContinuationToken;
        }
        while (token is not null);

        foreach (var chunk in keys.Chunk(100))
        {
            await history.ExecuteBatchAsync(chunk.Select(k => TableOperation.Delete(pk, k)).ToList(), ct).ConfigureAwait(false);
        }

        await index.ExecuteBatchAsync([TableOperation.Delete(pk, string.Empty)], ct).ConfigureAwait(false);
        await payloads.DeleteAllAsync(instanceId, ct).ConfigureAwait(false);
    }

    private static InstanceState ReadState(string instanceId, TableRow row) => new()
    {
        InstanceId = instanceId,
        Name = row.GetString("Name") ?? string.Empty,
        ExecutionId = row.GetString("ExecutionId") ?? string.Empty,
        Status = (OrchestrationRuntimeStatus)(row.GetInt64("Status") ?? 0),
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        LastUpdatedAt = row.GetDateTimeOffset("LastUpdatedAt") ?? default,
        CompletedAt = row.GetDateTimeOffset("CompletedAt"),
        Input = row.GetString("Input"),
        Output = row.GetString("Output"),
        CustomStatus = row.GetString("CustomStatus"),
        Failure = row.GetString("Failure") is { } f ? JsonSerializer.Deserialize<TaskFailureDetails>(f, DataConverter.Options) : null,
        Parent = row.GetString("Parent") is { } p ? JsonSerializer.Deserialize<ParentReference>(p, DataConverter.Options) : null,
        CommitSeq = row.GetInt64("CommitSeq") ?? 0,
        FirstCommitSeq = row.GetInt64("FirstCommitSeq") ?? 0,
        Entity = row.GetString("Kind") == EntityKind ? ReadEntity(row) : null,
    };

    private static EntityData ReadEntity(TableRow row)
    {
        using var consumed = new MemoryStream();
        for (int i = 0; i < MaxConsumedChunks && row.GetBinary("C" + i.ToString(CultureInfo.InvariantCulture)) is { } chunk; i++)
        {
            consumed.Write(chunk);
        }

        return new EntityData
        {
            StoredState = row.GetString("EntityState"),
            SenderSeqs = row.GetString("SenderSeqs") is { } seqs
                ? new Dictionary<string, long>(JsonSerializer.Deserialize<Dictionary<string, long>>(seqs, DataConverter.Options)!, StringComparer.Ordinal)
                : new Dictionary<string, long>(StringComparer.Ordinal),
            Consumed = ConsumedIdWindow.FromBytes(consumed.ToArray()),
        };
    }

    private async Task<TableRow> WriteStateAsync(string pk, InstanceState s, CancellationToken ct)
    {
        var row = new TableRow(pk, StateRowKey)
        {
            ["Name"] = s.Name,
            ["ExecutionId"] = s.ExecutionId,
            ["Status"] = (int)s.Status,
            ["CreatedAt"] = s.CreatedAt,
            ["LastUpdatedAt"] = s.LastUpdatedAt,
            ["CompletedAt"] = s.CompletedAt,
            ["Input"] = await payloads.ExternalizeAsync(s.InstanceId, "input", s.Input, ct).ConfigureAwait(false),
            ["Output"] = await payloads.ExternalizeAsync(s.InstanceId, "output", s.Output, ct).ConfigureAwait(false),
            ["CustomStatus"] = s.CustomStatus,
            ["Failure"] = s.Failure is null ? null : Truncate(JsonSerializer.Serialize(s.Failure, DataConverter.Options)),
            ["Parent"] = s.Parent is null ? null : JsonSerializer.Serialize(s.Parent, DataConverter.Options),
            ["CommitSeq"] = s.CommitSeq,
            ["FirstCommitSeq"] = s.FirstCommitSeq,
        };
        if (s.Entity is { } entity)
        {
            row["Kind"] = EntityKind;
            row["EntityState"] = await payloads.ExternalizeAsync(s.InstanceId, "entitystate", entity.StoredState, ct).ConfigureAwait(false);
            row["SenderSeqs"] = entity.SenderSeqs.Count == 0 ? null : JsonSerializer.Serialize(entity.SenderSeqs, DataConverter.Options);
            byte[] consumed = entity.Consumed.ToBytes();
            for (int i = 0, offset = 0; offset < consumed.Length && i < MaxConsumedChunks; i++, offset += ChunkBytes)
            {
                row["C" + i.ToString(CultureInfo.InvariantCulture)] = consumed.AsSpan(offset, Math.Min(ChunkBytes, consumed.Length - offset)).ToArray();
            }
        }

        return row;
    }

    private static string Truncate(string json) => json.Length <= 30_000 ? json : json[..30_000];

    private async Task<TableRow> WritePageAsync(string pk, string instanceId, HistoryPage page, CancellationToken ct)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new PageBody(page.Events, page.Outbox, page.Consumed), DataConverter.Options);
        var row = new TableRow(pk, PageKey(page.Seq))
        {
            ["ExecutionId"] = page.ExecutionId,
            ["EventCount"] = page.Events.Count,
        };
        if (body.Length > MaxInlinePageBytes)
        {
            // An entity holds at most 1 MB: a page this large (huge fan-out or payload) lives in a blob.
            row["Blob"] = await payloads.UploadAsync(instanceId, $"page{page.Seq}", body, ct).ConfigureAwait(false);
            return row;
        }

        for (int i = 0, offset = 0; offset < body.Length; i++, offset += ChunkBytes)
        {
            row["B" + i.ToString(CultureInfo.InvariantCulture)] = body.AsSpan(offset, Math.Min(ChunkBytes, body.Length - offset)).ToArray();
        }

        return row;
    }

    private async Task<HistoryPage> ReadPageAsync(TableRow row, CancellationToken ct)
    {
        byte[] body;
        if (row.GetString("Blob") is { } blob)
        {
            body = await payloads.DownloadAsync(blob, ct).ConfigureAwait(false);
        }
        else
        {
            using var buffer = new MemoryStream();
            for (int i = 0; row.GetBinary("B" + i.ToString(CultureInfo.InvariantCulture)) is { } chunk; i++)
            {
                buffer.Write(chunk);
            }

            body = buffer.ToArray();
        }

        var parsed = JsonSerializer.Deserialize<PageBody>(body, DataConverter.Options)
            ?? throw new InvalidDataException($"History page {row.PartitionKey}/{row.RowKey} is empty.");
        long seq = long.Parse(row.RowKey.AsSpan(PagePrefix.Length), CultureInfo.InvariantCulture);
        return new HistoryPage(seq, row.GetString("ExecutionId")!, parsed.Events ?? [], parsed.Outbox ?? [], parsed.Consumed ?? []);
    }

    private sealed record PageBody(
        [property: JsonPropertyName("ev")] IReadOnlyList<HistoryEvent>? Events,
        [property: JsonPropertyName("out")] IReadOnlyList<OutboundMessage>? Outbox,
        [property: JsonPropertyName("c")] IReadOnlyList<string>? Consumed);
}
