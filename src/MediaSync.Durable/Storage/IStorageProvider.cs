namespace MediaSync.Durable.Storage;

/// <summary>
/// The four storage primitives the runtime is built on: queues with visibility and dequeue counts,
/// tables with ETags and entity-group transactions, blobs, and blob leases. The engine only talks
/// to these, so the in-memory and Azure Storage backends differ in nothing else and pass one
/// conformance suite.
/// </summary>
internal interface IStorageProvider
{
    /// <summary>A queue by its (lower-case) name; <see cref="IMessageQueue.CreateIfNotExistsAsync"/> makes it.</summary>
    IMessageQueue GetQueue(string name);

    /// <summary>A table by name; <see cref="IDataTable.CreateIfNotExistsAsync"/> makes it.</summary>
    IDataTable GetTable(string name);

    /// <summary>A blob container by its (lower-case) name.</summary>
    IBlobContainer GetContainer(string name);
}
