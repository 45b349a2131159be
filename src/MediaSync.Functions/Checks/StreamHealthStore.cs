using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MediaSync.Catalog.Storage;
using MediaSync.Streams;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Checks;

/// <summary>
/// The StreamHealth table (PartitionKey account id, RowKey stream id): one row per stream holding its latest probe
/// result and the last <see cref="StreamCheckOptions.HistoryDepth"/> checks. Rows are read-modify-written under their
/// ETag, so two checks of one stream finishing together both land in the history.
/// </summary>
internal sealed class StreamHealthStore(CatalogTableClients tables, IOptions<StreamCheckOptions> options, TimeProvider timeProvider)
{
    private const int MaxDetailChars = 1_000;
    private const int MaxWriteAttempts = 8;

    /// <summary>Records a probe result and returns the stream's updated health.</summary>
    public async Task<StreamHealthEntry> RecordAsync(string accountId, string streamId, StreamProbeResult result, string? checkId, int? slotWaitMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        TableClient table = await tables.GetAsync(CatalogTable.StreamHealth, cancellationToken).ConfigureAwait(false);
        string partitionKey = TableKeyEscaper.Escape(accountId);
        string rowKey = TableKeyEscaper.Escape(streamId);
        DateTimeOffset checkedAt = timeProvider.GetUtcNow();
        for (int attempt = 1; ; attempt++)
        {
            NullableResponse<TableEntity> stored = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            StreamHealthEntry? previous = stored.HasValue ? Decode(stored.Value!) : null;
            StreamHealthEntry next = Next(accountId, streamId, previous, result, checkedAt, checkId, slotWaitMs);
            TableEntity entity = Encode(partitionKey, rowKey, next);
            try
            {
                if (stored.HasValue)
                {
                    await table.UpdateEntityAsync(entity, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }

                return next;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxWriteAttempts)
            {
                // Another check of the same stream wrote first: read its result and add ours on top.
            }
        }
    }

    /// <summary>The health of one stream, or null when it was never checked.</summary>
    public async Task<StreamHealthEntry?> GetAsync(string accountId, string streamId, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(CatalogTable.StreamHealth, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> stored = await table.GetEntityIfExistsAsync<TableEntity>(
            TableKeyEscaper.Escape(accountId), TableKeyEscaper.Escape(streamId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return stored.HasValue ? Decode(stored.Value!) : null;
    }

    /// <summary>One page of an account's streams in stream id order.</summary>
    /// <exception cref="ArgumentException">The continuation token is not one this query issued.</exception>
    public async Task<StreamHealthPage> ListAsync(string accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeyEscaper.Escape(accountId)}");
        string scope = $"{CatalogTable.StreamHealth}|{filter}";
        string? serviceToken = ContinuationToken.Decode(scope, continuationToken);

        TableClient table = await tables.GetAsync(CatalogTable.StreamHealth, cancellationToken).ConfigureAwait(false);
        var items = new List<StreamHealthEntry>(pageSize);
        string? next = null;
        await foreach (Page<TableEntity> page in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(serviceToken, pageSize).ConfigureAwait(false))
        {
            items.AddRange(page.Values.Select(Decode));
            next = page.ContinuationToken;
            if (items.Count > 0 || next is null)
            {
                break;
            }
        }

        return new StreamHealthPage(items, next is null ? null : ContinuationToken.Encode(scope, next));
    }

    private StreamHealthEntry Next(string accountId, string streamId, StreamHealthEntry? previous, StreamProbeResult result, DateTimeOffset checkedAt, string? checkId, int? slotWaitMs)
    {
        string status = result.Status.ToString();
        var check = new StreamHealthCheck(checkedAt, status, result.HttpStatus, result.TtfbMs, result.BitrateKbps, checkId, slotWaitMs);
        IReadOnlyList<StreamHealthCheck> history = [check, .. (previous?.History ?? []).Take(options.Value.HistoryDepth - 1)];
        int failures = result.IsOk ? 0 : (previous?.ConsecutiveFailures ?? 0) + 1;
        string? detail = result.Detail is { Length: > MaxDetailChars } text ? text[..MaxDetailChars] : result.Detail;
        return new StreamHealthEntry(accountId, streamId, status, result.HttpStatus, result.ContentType, result.TtfbMs, result.BitrateKbps, result.BytesRead, detail, checkedAt, failures, history);
    }

    private static TableEntity Encode(string partitionKey, string rowKey, StreamHealthEntry entry) => new(partitionKey, rowKey)
    {
        ["AccountId"] = entry.AccountId,
        ["StreamId"] = entry.StreamId,
        ["Status"] = entry.Status,
        ["HttpStatus"] = entry.HttpStatus,
        ["ContentType"] = entry.ContentType,
        ["TtfbMs"] = entry.TtfbMs,
        ["BitrateKbps"] = entry.BitrateKbps,
        ["BytesRead"] = entry.BytesRead,
        ["Detail"] = entry.Detail,
        ["CheckedAt"] = entry.CheckedAt,
        ["ConsecutiveFailures"] = entry.ConsecutiveFailures,
        ["History"] = JsonSerializer.Serialize(entry.History, JsonSerializerOptions.Web),
    };

    private static StreamHealthEntry Decode(TableEntity entity) => new(
        entity.GetString("AccountId") ?? TableKeyEscaper.Unescape(entity.PartitionKey),
        entity.GetString("StreamId") ?? TableKeyEscaper.Unescape(entity.RowKey),
        entity.GetString("Status") ?? "Unknown",
        entity.GetInt32("HttpStatus"),
        entity.GetString("ContentType"),
        entity.GetInt64("TtfbMs"),
        entity.GetInt64("BitrateKbps"),
        entity.GetInt64("BytesRead") ?? 0,
        entity.GetString("Detail"),
        entity.GetDateTimeOffset("CheckedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue,
        entity.GetInt32("ConsecutiveFailures") ?? 0,
        entity.GetString("History") is { Length: > 0 } json ? JsonSerializer.Deserialize<List<StreamHealthCheck>>(json, JsonSerializerOptions.Web) ?? [] : []);
}
