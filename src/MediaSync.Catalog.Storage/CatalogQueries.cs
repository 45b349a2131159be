using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace MediaSync.Catalog.Storage;

/// <summary>Paged catalog browsing with opaque continuation tokens.</summary>
public sealed class CatalogQueries
{
    private readonly CatalogTableClients tables;
    private readonly CatalogStoreOptions options;

    internal CatalogQueries(CatalogTableClients tables, IOptions<CatalogStoreOptions> options)
    {
        this.tables = tables;
        this.options = options.Value;
    }

    /// <summary>A source's items of one kind, across all their bucket partitions.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="kind">The item kind, e.g. <c>vod</c>.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="pageSize">Rows per page (1–1000), or the configured default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    public Task<CatalogPage> GetItemsAsync(
        string sourceId, string kind, string? continuationToken = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        string prefix = TableKeyEscaper.Escape(CatalogKeys.ItemsPrefix(sourceId, kind));
        string upper = TableKeyEscaper.PrefixUpperBound(prefix);
        string filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}");
        return QueryAsync(CatalogTable.Items, filter, continuationToken, pageSize, cancellationToken);
    }

    /// <summary>The episodes of one series or show, by season and episode.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="seriesId">The provider's series id.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="pageSize">Rows per page (1–1000), or the configured default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    public Task<CatalogPage> GetEpisodesAsync(
        string sourceId, string seriesId, string? continuationToken = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        string partition = TableKeyEscaper.Escape(CatalogKeys.EpisodesPartition(sourceId, seriesId));
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        return QueryAsync(CatalogTable.Episodes, filter, continuationToken, pageSize, cancellationToken);
    }

    /// <summary>A source's categories.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="pageSize">Rows per page (1–1000), or the configured default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    public Task<CatalogPage> GetCategoriesAsync(
        string sourceId, string? continuationToken = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        string partition = TableKeyEscaper.Escape(CatalogKeys.CategoriesPartition(sourceId));
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        return QueryAsync(CatalogTable.Categories, filter, continuationToken, pageSize, cancellationToken);
    }

    /// <summary>Reads one row by its logical keys.</summary>
    /// <param name="table">The table.</param>
    /// <param name="partitionKey">The logical partition key.</param>
    /// <param name="rowKey">The logical row key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The row, or <see langword="null"/> when absent.</returns>
    public async Task<CatalogRow?> GetRowAsync(CatalogTable table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        var client = await tables.GetAsync(table, cancellationToken).ConfigureAwait(false);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(
            TableKeyEscaper.Escape(partitionKey), TableKeyEscaper.Escape(rowKey), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? RowEncoder.Decode(response.Value!) : null;
    }

    private async Task<CatalogPage> QueryAsync(
        CatalogTable table, string filter, string? continuationToken, int? pageSize, CancellationToken cancellationToken)
    {
        int size = pageSize ?? options.PageSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(pageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 1000, nameof(pageSize));
        string scope = $"{table}|{filter}";
        string? serviceToken = ContinuationToken.Decode(scope, continuationToken);

        var client = await tables.GetAsync(table, cancellationToken).ConfigureAwait(false);
        var rows = new List<CatalogRow>(size);
        string? next = null;
        var pages = client.QueryAsync<TableEntity>(filter, size, cancellationToken: cancellationToken).AsPages(serviceToken, size);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            rows.AddRange(page.Values.Select(RowEncoder.Decode));
            next = page.ContinuationToken;

            // The service may end a page early (partition boundaries, 5 s budget), even empty; an empty
            // page is useless to a browser, so keep going until there is something to show.
            if (rows.Count > 0 || next is null)
            {
                break;
            }
        }

        return new CatalogPage(rows, next is null ? null : ContinuationToken.Encode(scope, next));
    }
}
