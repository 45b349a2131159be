using System.ComponentModel.DataAnnotations;

namespace MediaSync.Hosting.Configuration;

/// <summary>host.json <c>extensions.durableTask.storageProvider</c>.</summary>
internal sealed class DurableStorageProviderOptions
{
    /// <summary>Gets or sets the number of control queues; fixed for the life of a hub.</summary>
    /// <value>Defaults to 4.</value>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Gets or sets the longest idle back-off between queue polls.</summary>
    /// <value>Defaults to 30 seconds, as in Durable Functions.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);
}
