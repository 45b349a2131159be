using System.Runtime.CompilerServices;

namespace MediaSync.Durable.Storage.InMemory;

internal sealed class InMemoryBlobContainer(string name, TimeProvider timeProvider) : IBlobContainer
{
    private readonly Lock sync = new();
    private readonly SortedDictionary<string, Blob> blobs = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteIfExistsAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            blobs.Clear();
        }

        return Task.CompletedTask;
    }

    public Task UploadAsync(string blobName, ReadOnlyMemory<byte> content, bool ifNoneMatch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sync)
        {
            if (blobs.TryGetValue(blobName, out var existing))
            {
                if (ifNoneMatch)
                {
                    throw new StorageConflictException($"Blob {Name}/{blobName} already exists.");
                }

                existing.Content = content.ToArray();
            }
            else
            {
                blobs[blobName] = new Blob { Content = content.ToArray() };
            }
        }

        return Task.CompletedTask;
    }

    public Task<byte[]?> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sync)
        {
            return Task.FromResult(blobs.TryGetValue(blobName, out var b) ? b.Content.ToArray() : null);
        }
    }

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            blobs.Remove(blobName);
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> names;
        lock (sync)
        {
            names = blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }

        foreach (string n in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return n;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<bool> TryAcquireLeaseAsync(string blobName, string leaseId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (sync)
        {
            if (!blobs.TryGetValue(blobName, out var b))
            {
                throw new InvalidOperationException($"Blob {Name}/{blobName} does not exist; create it before leasing it.");
            }

            if (b.LeaseId is not null && b.LeaseId != leaseId && b.LeaseExpiresAt > now)
            {
                return Task.FromResult(false);
            }

            b.LeaseId = leaseId;
            b.LeaseDuration = duration;
            b.LeaseExpiresAt = now + duration;
            return Task.FromResult(true);
        }
    }

    public Task<bool> RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (sync)
        {
            if (!blobs.TryGetValue(blobName, out var b) || b.LeaseId != leaseId)
            {
                return Task.FromResult(false);
            }

            // Azure renews an expired lease only if nobody else took it meanwhile — same here.
            b.LeaseExpiresAt = now + b.LeaseDuration;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (blobs.TryGetValue(blobName, out var b) && b.LeaseId == leaseId)
            {
                b.LeaseId = null;
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Blob
    {
        public byte[] Content { get; set; } = [];

        public string? LeaseId { get; set; }

        public TimeSpan LeaseDuration { get; set; }

        public DateTimeOffset LeaseExpiresAt { get; set; }
    }
}
