namespace MediaSync.Catalog.Storage;

/// <summary>A row the batch writer could not store, and why.</summary>
/// <param name="PartitionKey">The logical partition key.</param>
/// <param name="RowKey">The logical row key.</param>
/// <param name="Reason">What failed: a validation message or the service's status and error code.</param>
public sealed record RowWriteFailure(string PartitionKey, string RowKey, string Reason);
