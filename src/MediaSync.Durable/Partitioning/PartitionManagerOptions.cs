using System.ComponentModel.DataAnnotations;

namespace MediaSync.Durable.Partitioning;

/// <summary>Settings of <see cref="LeasePartitionManager"/> (durable-runtime.md §8).</summary>
internal sealed record PartitionManagerOptions
{
    /// <summary>The task hub; names the <c>{hub}Workers</c> table and the <c>{hub}-leases</c> container.</summary>
    public required string HubName { get; init; }

    /// <summary>This host's id: its heartbeat row key, also the tie-break order for targets.</summary>
    public required string WorkerId { get; init; }

    /// <summary>Control-queue partitions.</summary>
    /// <value>Default 4.</value>
    [Range(1, 16)]
    public int PartitionCount { get; init; } = 4;

    /// <summary>How often the heartbeat is written and ownership rebalanced.</summary>
    /// <value>Default 5 s.</value>
    public TimeSpan CycleInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A worker whose heartbeat is older than this (by the server's clock, relative to ours) counts as gone.</summary>
    /// <value>Default 20 s.</value>
    public TimeSpan WorkerExpiry { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Blob lease duration (Azure accepts 15–60 s).</summary>
    /// <value>Default 30 s.</value>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an owned lease is renewed.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A lease is renewed only while its dispatcher made progress this recently; see <see cref="ProgressWindowFor"/>.</summary>
    /// <value>Default 32 s (2 × the default 1 s polling interval + 30 s).</value>
    public TimeSpan MaxProgressAge { get; init; } = ProgressWindowFor(TimeSpan.FromSeconds(1));

    /// <summary>A partition nobody claimed for this many consecutive cycles is taken even by a worker at its target.</summary>
    /// <value>Default 2.</value>
    [Range(1, 100)]
    public int FreeCyclesBeforeTakingOverTarget { get; init; } = 2;

    internal string WorkersTableName => HubName + "Workers";

    internal string LeasesContainerName => HubName.ToLowerInvariant() + "-leases";

    /// <summary>The progress window for a polling interval: two idle polls plus time to finish a work item.</summary>
    public static TimeSpan ProgressWindowFor(TimeSpan maxQueuePollingInterval) => (2 * maxQueuePollingInterval) + TimeSpan.FromSeconds(30);

    internal static string LeaseBlobName(int partition) => $"partition-{partition:D2}";

    /// <summary>Throws with the setting's name when a value cannot work.</summary>
    internal void Validate()
    {
        if (string.IsNullOrEmpty(HubName) || !char.IsAsciiLetter(HubName[0]) || !HubName.All(char.IsAsciiLetterOrDigit) || HubName.Length is < 3 or > 45)
        {
            throw new ArgumentException($"Task hub name '{HubName}' must be 3–45 letters and digits starting with a letter.", nameof(HubName));
        }

        if (string.IsNullOrEmpty(WorkerId) || WorkerId.Length > 256 || WorkerId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"Worker id '{WorkerId}' must be 1–256 characters without / \\ # ? or control characters (it is a table row key).", nameof(WorkerId));
        }

        if (PartitionCount is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(PartitionCount), PartitionCount, "Partition count must be 1–16.");
        }

        if (CycleInterval <= TimeSpan.Zero || RenewInterval < CycleInterval || LeaseDuration <= RenewInterval || WorkerExpiry <= CycleInterval)
        {
            throw new ArgumentException(
                $"Intervals must satisfy 0 < CycleInterval ({CycleInterval}) ≤ RenewInterval ({RenewInterval}) < LeaseDuration ({LeaseDuration}) " +
                $"and WorkerExpiry ({WorkerExpiry}) > CycleInterval.",
                nameof(RenewInterval));
        }
    }
}
