using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// Hands out the table clients of the catalog tables, creating each table once per process
/// (conventions.md §4: never per call).
/// </summary>
internal sealed class CatalogTableClients(TableServiceClient service, IOptions<CatalogStoreOptions> options)
{
    private readonly ConcurrentDictionary<CatalogTable, Lazy<Task<TableClient>>> tables = new();

    public string TableName(CatalogTable table) => options.Value.TablePrefix + table;

    public Task<TableClient> GetAsync(CatalogTable table, CancellationToken cancellationToken)
    {
        var lazy = tables.GetOrAdd(table, t => new Lazy<Task<TableClient>>(() => CreateAsync(t)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed creation (storage down at startup) must not poison the table for the process lifetime.
            tables.TryRemove(new KeyValuePair<CatalogTable, Lazy<Task<TableClient>>>(table, lazy));
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task<TableClient> CreateAsync(CatalogTable table)
    {
        var client = service.GetTableClient(TableName(table));
        await client.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        return client;
    }
}
