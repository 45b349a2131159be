using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>An Azure blob container; leases are blob leases (15–60 s, ids must be GUIDs).</summary>
internal sealed class AzureBlobContainer(BlobContainerClient client) : IBlobContainer
{
    private readonly ResourceExistence existence = new("blob", client.Uri);

    public string Name => client.Name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) =>
        existence.EnsureCreatedAsync(ct => client.CreateIfNotExistsAsync(cancellationToken: ct), cancellationToken);

    public Task DeleteIfExistsAsync(CancellationToken cancellationToken) =>
        existence.DeleteAsync(ct => client.DeleteIfExistsAsync(cancellationToken: ct), cancellationToken);

    public async Task UploadAsync(string blobName, ReadOnlyMemory<byte> content, bool ifNoneMatch, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            Conditions = ifNoneMatch ? new BlobRequestConditions { IfNoneMatch = ETag.All } : null,
        };
        try
        {
            await client.GetBlobClient(blobName).UploadAsync(new BinaryData(content), options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new StorageConflictException($"Blob {Name}/{blobName} already exists or is leased ({ex.ErrorCode}).", ex);
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    public async Task<byte[]?> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = client.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                // A yield cannot sit inside a try with a catch, so each page is fetched in its own try.
                try
                {
                    if (!await pages.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
                {
                    throw Unreachable(ex);
                }

                foreach (var item in pages.Current.Values)
                {
                    yield return item.Name;
                }
            }
        }
    }

    public async Task<bool> TryAcquireLeaseAsync(string blobName, string leaseId, TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            await Lease(blobName, leaseId).AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new InvalidOperationException($"Blob {Name}/{blobName} does not exist; create it before leasing it.", ex);
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    public async Task<bool> RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await Lease(blobName, leaseId).RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    public async Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await Lease(blobName, leaseId).ReleaseAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // Not ours any more (expired and taken, or the blob is gone): nothing to give back.
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    private BlobLeaseClient Lease(string blobName, string leaseId)
    {
        if (!Guid.TryParse(leaseId, out _))
        {
            throw new ArgumentException($"Lease id '{leaseId}' is not a GUID; Azure blob leases require one.", nameof(leaseId));
        }

        return client.GetBlobClient(blobName).GetBlobLeaseClient(leaseId);
    }

    private StorageUnreachableException Unreachable(Exception ex) => AzureErrors.Unreachable("blob", client.Uri, ex);
}
