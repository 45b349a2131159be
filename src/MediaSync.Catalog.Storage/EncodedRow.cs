using Azure.Data.Tables;

namespace MediaSync.Catalog.Storage;

/// <summary>A row ready for a transaction: escaped keys, the entity to upsert, its content hash and payload size.</summary>
/// <param name="LogicalRowKey">The caller's row key, for failure reports.</param>
/// <param name="Entity">The full entity (user properties, split parts and the store's bookkeeping).</param>
/// <param name="ContentHash">The hash of the canonical property set.</param>
/// <param name="PayloadBytes">A conservative estimate of the entity's JSON size in a transaction.</param>
internal sealed record EncodedRow(string LogicalRowKey, TableEntity Entity, string ContentHash, int PayloadBytes)
{
    public string PartitionKey => Entity.PartitionKey;

    public string RowKey => Entity.RowKey;
}
