namespace MediaSync.Catalog.Storage;

/// <summary>What the store holds for a row a sync is about to write (<see cref="CatalogBatchWriter.GetStoredStateAsync"/>).</summary>
public enum StoredRowState
{
    /// <summary>No row with this key is stored.</summary>
    New,

    /// <summary>A row with this key is stored with other content.</summary>
    Changed,

    /// <summary>A row with this key is stored with the same content: writing it would be skipped.</summary>
    Unchanged,
}
