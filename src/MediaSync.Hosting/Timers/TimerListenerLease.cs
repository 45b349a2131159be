using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace MediaSync.Hosting.Timers;

/// <summary>
/// The blob lease on <c>locks/{hostId}/{function}.Listener</c> that makes one host instance the timer's listener,
/// as the Functions host does.
/// </summary>
internal sealed class TimerListenerLease
{
    private readonly BlobClient blob;
    private readonly BlobLeaseClient lease;
    private readonly TimeSpan duration;

    public TimerListenerLease(BlobContainerClient container, string hostId, string functionName, TimeSpan duration)
    {
        blob = container.GetBlobClient($"locks/{hostId}/{functionName}.Listener");
        lease = blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
        this.duration = duration;
    }

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await CreateLockBlobAsync(cancellationToken).ConfigureAwait(false);
            return await TryAcquireAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Renews the lease; false when it has been lost (expired and taken, or the blob is gone).</summary>
    public async Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    public async Task ReleaseAsync()
    {
        try
        {
            // Released on a clean stop so another instance takes over at once, not after the lease expires.
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Already lost or expired: nothing to hand back.
        }
    }

    private async Task CreateLockBlobAsync(CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(
                BinaryData.Empty,
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another host created it first.
        }
    }
}
