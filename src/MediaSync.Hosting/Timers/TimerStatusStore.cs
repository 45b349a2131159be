using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MediaSync.Hosting.Timers;

/// <summary>
/// A timer's <see cref="ScheduleStatus"/> in blob <c>timers/{hostId}/{function}/status</c>. Every write is
/// conditional on the ETag read (or on absence), so two hosts can never both claim the same occurrence.
/// </summary>
internal sealed class TimerStatusStore(BlobContainerClient container, string hostId, string functionName)
{
    private readonly BlobClient blob = container.GetBlobClient($"timers/{hostId}/{functionName}/status");

    public async Task<(ScheduleStatus? Status, ETag ETag)> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Response<BlobDownloadResult> response = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var status = response.Value.Content.ToObjectFromJson<ScheduleStatus>();
            return (status, response.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, default);
        }
    }

    /// <summary>Writes the status if the blob still has <paramref name="expected"/> (default = must not exist); null when another host won.</summary>
    public async Task<ETag?> TryWriteAsync(ScheduleStatus status, ETag expected, CancellationToken cancellationToken)
    {
        var conditions = expected == default ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = expected };
        try
        {
            Response<BlobContentInfo> response = await blob.UploadAsync(
                BinaryData.FromObjectAsJson(status),
                new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                cancellationToken).ConfigureAwait(false);
            return response.Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }
}
