namespace MediaSync.Durable.Storage;

/// <summary>A blob container with the blob operations and leases the runtime needs.</summary>
internal interface IBlobContainer
{
    string Name { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken);

    Task DeleteIfExistsAsync(CancellationToken cancellationToken);

    /// <summary>Writes a blob; with <paramref name="ifNoneMatch"/> only when it does not exist yet (else <see cref="StorageConflictException"/>).</summary>
    Task UploadAsync(string blobName, ReadOnlyMemory<byte> content, bool ifNoneMatch, CancellationToken cancellationToken);

    /// <summary>The blob's bytes, or null when it does not exist.</summary>
    Task<byte[]?> DownloadAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Deletes a blob; a missing blob is not an error.</summary>
    Task DeleteAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>The names of the blobs starting with <paramref name="prefix"/>.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a lease on an existing blob for <paramref name="duration"/> (15–60 s). Returns false when someone else holds it.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string blobName, string leaseId, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Renews our lease; false when it was lost (expired and taken, or broken).</summary>
    Task<bool> RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken);

    /// <summary>Releases our lease; a lease we no longer hold is not an error.</summary>
    Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken);
}
