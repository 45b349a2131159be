using System.ComponentModel.DataAnnotations;

namespace MediaSync.Hosting.Configuration;

/// <summary>host.json <c>extensions.queues</c> (queue-triggered functions), with the Functions defaults.</summary>
internal sealed class QueuesHostOptions
{
    /// <summary>Gets or sets how many messages one receive fetches.</summary>
    /// <value>Defaults to 16 (the service allows at most 32).</value>
    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Gets or sets the in-flight count at which the next batch is fetched; -1 means half the batch size.</summary>
    /// <value>Defaults to -1 (batchSize / 2).</value>
    [Range(-1, 1000)]
    public int NewBatchThreshold { get; set; } = -1;

    /// <summary>Gets or sets the attempts before a message moves to the poison queue.</summary>
    /// <value>Defaults to 5.</value>
    [Range(1, 1000)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Gets or sets the delay before a failed message is retried (not the receive lease).</summary>
    /// <value>Defaults to zero.</value>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets the cap of the idle polling back-off.</summary>
    /// <value>Defaults to one minute; at least 100 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);
}
