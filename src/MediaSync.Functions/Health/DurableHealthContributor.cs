using MediaSync.Durable;
using MediaSync.Durable.Worker;
using MediaSync.Hosting.Health;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Health;

/// <summary>
/// The <c>durable</c> entry of <c>/api/health</c>: the task hub, its partition count, this host's worker id and
/// the partitions it owns, and whether the instance store answers a query.
/// </summary>
internal sealed class DurableHealthContributor(DurableTaskClient client, IOptions<DurableTaskOptions> options, DurableWorker worker, ILogger<DurableHealthContributor> logger)
    : IHealthContributor
{
    /// <inheritdoc />
    public string Name => "durable";

    /// <inheritdoc />
    public async Task<HealthContribution> CheckAsync(CancellationToken cancellationToken)
    {
        DurableTaskOptions durable = options.Value;
        var data = new Dictionary<string, object?>
        {
            ["hubName"] = durable.HubName,
            ["partitionCount"] = durable.StorageProvider.PartitionCount,
            ["workerId"] = worker.WorkerId,
            ["ownedPartitions"] = worker.OwnedPartitions.Order().ToArray(),
        };
        try
        {
            OrchestrationQueryPage page = await client.QueryInstancesAsync(
                new OrchestrationQuery { PageSize = 1, Statuses = [OrchestrationRuntimeStatus.Running] }, cancellationToken).ConfigureAwait(false);
            data["instanceStore"] = "reachable";
            data["anyRunning"] = page.Values.Count > 0;
            return new HealthContribution(true, data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception may quote storage URLs; it goes to the log, the payload only says what failed.
            Log.DurableHealthFailed(logger, ex);
            data["instanceStore"] = "unreachable";
            return new HealthContribution(false, data);
        }
    }
}
