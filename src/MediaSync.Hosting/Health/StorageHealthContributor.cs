using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace MediaSync.Hosting.Health;

/// <summary>Checks that each storage service answers, with one cheap call per service (a one-item listing).</summary>
internal sealed class StorageHealthContributor(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables) : IHealthContributor
{
    public string Name => "storage";

    public async Task<HealthContribution> CheckAsync(CancellationToken cancellationToken)
    {
        // Listings need only data-plane rights (the Blob/Queue/Table Data Contributor roles), unlike service properties.
        Task<string?> blob = ProbeAsync(async () =>
        {
            await foreach (var page in blobs.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                _ = page;
                break;
            }
        });
        Task<string?> queue = ProbeAsync(async () =>
        {
            await foreach (var page in queues.GetQueuesAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                _ = page;
                break;
            }
        });
        Task<string?> table = ProbeAsync(async () =>
        {
            await foreach (var page in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
            {
                _ = page;
                break;
            }
        });
        string?[] errors = await Task.WhenAll(blob, queue, table).ConfigureAwait(false);
        var data = new Dictionary<string, object?>
        {
            ["blob"] = errors[0] ?? "ok",
            ["queue"] = errors[1] ?? "ok",
            ["table"] = errors[2] ?? "ok",
        };
        return new HealthContribution(errors.All(e => e is null), data);
    }

    private static async Task<string?> ProbeAsync(Func<Task> probe)
    {
        try
        {
            await probe().ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            return "timeout";
        }
        catch (Azure.RequestFailedException ex)
        {
            // Status and code only: messages can echo request URLs.
            return $"failed ({ex.Status} {ex.ErrorCode})";
        }
        catch (Exception ex) when (ex is HttpRequestException or AggregateException)
        {
            return "unreachable";
        }
    }
}
