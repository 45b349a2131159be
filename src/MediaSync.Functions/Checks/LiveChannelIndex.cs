using Azure;
using Azure.Data.Tables;
using MediaSync.Catalog.Storage;

namespace MediaSync.Functions.Checks;

/// <summary>
/// Reads an account's live channels from the catalog's Items rows (written by the catalog sync, partitions
/// <c>{sourceId}-live-{bucket}</c>, row key = the provider's stream id), selecting only the columns it needs.
/// Scans the whole partition range, so it works for any bucket count.
/// </summary>
internal sealed class LiveChannelIndex(CatalogTableClients tables)
{
    private const string LiveKind = "live";
    private static readonly string[] IdOnly = [nameof(ITableEntity.RowKey)];
    private static readonly string[] ChannelColumns = [nameof(ITableEntity.RowKey), "Name", "EpgChannelId"];

    /// <summary>How many live channels the account has in the catalog, counting at most <paramref name="cap"/>.</summary>
    public async Task<int> CountAsync(string accountId, int cap, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(CatalogTable.Items, cancellationToken).ConfigureAwait(false);
        int count = 0;
        await foreach (TableEntity _ in table.QueryAsync<TableEntity>(RangeFilter(accountId), 1000, IdOnly, cancellationToken).ConfigureAwait(false))
        {
            if (++count >= cap)
            {
                break;
            }
        }

        return count;
    }

    /// <summary>One page of the account's live stream ids, in key order, and the token of the next page.</summary>
    public async Task<(IReadOnlyList<string> StreamIds, string? Continuation)> ListAsync(string accountId, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        string filter = RangeFilter(accountId);
        string scope = $"{CatalogTable.Items}|{filter}|ids";
        TableClient table = await tables.GetAsync(CatalogTable.Items, cancellationToken).ConfigureAwait(false);
        var ids = new List<string>(pageSize);
        string? next = null;
        await foreach (Page<TableEntity> page in table.QueryAsync<TableEntity>(filter, pageSize, IdOnly, cancellationToken)
            .AsPages(ContinuationToken.Decode(scope, continuation), pageSize).ConfigureAwait(false))
        {
            ids.AddRange(page.Values.Select(e => TableKeyEscaper.Unescape(e.RowKey)));
            next = page.ContinuationToken;
            if (ids.Count > 0 || next is null)
            {
                break;
            }
        }

        return (ids, next is null ? null : ContinuationToken.Encode(scope, next));
    }

    /// <summary>The stream ids of the account's live channels whose stream id, EPG id or name is <paramref name="channel"/> (at most <paramref name="cap"/>).</summary>
    public async Task<IReadOnlyList<string>> FindChannelAsync(string accountId, string channel, int cap, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(CatalogTable.Items, cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(RangeFilter(accountId), 1000, ChannelColumns, cancellationToken).ConfigureAwait(false))
        {
            string id = TableKeyEscaper.Unescape(row.RowKey);
            if (id == channel
                || string.Equals(row.GetString("EpgChannelId"), channel, StringComparison.OrdinalIgnoreCase)
                || string.Equals(row.GetString("Name"), channel, StringComparison.OrdinalIgnoreCase))
            {
                ids.Add(id);
                if (ids.Count >= cap)
                {
                    break;
                }
            }
        }

        return ids;
    }

    /// <summary>Whether the account's catalog has the live channel <paramref name="streamId"/>.</summary>
    public async Task<bool> ContainsAsync(string accountId, string streamId, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(CatalogTable.Items, cancellationToken).ConfigureAwait(false);
        (string lower, string upper) = Range(accountId);
        string filter = TableClient.CreateQueryFilter($"PartitionKey ge {lower} and PartitionKey lt {upper} and RowKey eq {TableKeyEscaper.Escape(streamId)}");
        await foreach (TableEntity _ in table.QueryAsync<TableEntity>(filter, 1, IdOnly, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }

    private static string RangeFilter(string accountId)
    {
        (string lower, string upper) = Range(accountId);
        return TableClient.CreateQueryFilter($"PartitionKey ge {lower} and PartitionKey lt {upper}");
    }

    private static (string Lower, string Upper) Range(string accountId)
    {
        string prefix = TableKeyEscaper.Escape(CatalogKeys.ItemsPrefix(accountId, LiveKind));
        return (prefix, TableKeyEscaper.PrefixUpperBound(prefix));
    }
}
