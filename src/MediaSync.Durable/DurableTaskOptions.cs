using System.ComponentModel.DataAnnotations;

namespace MediaSync.Durable;

/// <summary>
/// Worker and storage settings, named as in host.json <c>extensions.durableTask</c> (Durable
/// Functions' names) so the section binds directly.
/// </summary>
public sealed class DurableTaskOptions
{
    /// <summary>The task hub: letters and digits, starting with a letter, 3–45 characters.</summary>
    /// <value>Default <c>MediaSync</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "hubName must be 3-45 letters and digits, starting with a letter.")]
    public string HubName { get; set; } = "MediaSync";

    /// <summary>
    /// The app that owns the hub, recorded in <c>taskhub.json</c>; a host of another app refuses to
    /// start on the same hub. Null skips the check.
    /// </summary>
    /// <value>Default null.</value>
    public string? AppName { get; set; }

    /// <summary>Activities run at once per host.</summary>
    /// <value>Default 16.</value>
    [Range(1, 1000)]
    public int MaxConcurrentActivityFunctions { get; set; } = 16;

    /// <summary>Orchestration turns run at once per host.</summary>
    /// <value>Default 8.</value>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 8;

    /// <summary>Keep loaded instances in memory between turns.</summary>
    /// <value>Default true.</value>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>Seconds an idle cached instance is kept.</summary>
    /// <value>Default 30.</value>
    [Range(0, 3600)]
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    /// <summary>Storage settings.</summary>
    public DurableStorageProviderOptions StorageProvider { get; set; } = new();
}

/// <summary>host.json <c>extensions.durableTask.storageProvider</c>.</summary>
public sealed class DurableStorageProviderOptions
{
    /// <summary>Control-queue partitions; fixed for the life of a task hub.</summary>
    /// <value>Default 4 (1–16).</value>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>The longest idle wait between polls of a queue.</summary>
    /// <value>Default 1 second.</value>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages received per control-queue poll.</summary>
    /// <value>Default 32 (1–32).</value>
    [Range(1, 32)]
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>How long a received control message stays hidden while its turn runs.</summary>
    /// <value>Default 2 minutes.</value>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a received activity pack stays hidden; renewed every half of it while running.</summary>
    /// <value>Default 5 minutes.</value>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a message this host sends to a queue it polls itself goes to its dispatcher directly, still stored but
    /// hidden, instead of through a receive. Saves a storage request and a poll's wait per hop; a host that dies
    /// holding such a message leaves it to others after the queue's visibility timeout, as with a received one.
    /// </summary>
    /// <value>
    /// Default <see langword="false"/> for now: one full-suite run under load had a slot-lease renewal never arrive with
    /// it on, not yet explained or reproduced.
    /// </value>
    public bool LocalDispatch { get; set; }

    /// <summary>Failed receives of a control message before it is poisoned.</summary>
    /// <value>Default 20.</value>
    [Range(1, 1000)]
    public int MaxControlDequeueCount { get; set; } = 20;

    /// <summary>Failed receives of an activity pack before it is poisoned.</summary>
    /// <value>Default 10.</value>
    [Range(1, 1000)]
    public int MaxWorkItemDequeueCount { get; set; } = 10;

    /// <summary>The longest queue visibility delay used for a timer; longer timers are re-armed.</summary>
    /// <value>Default 6 days (the queue limit is 7).</value>
    public TimeSpan MaxTimerVisibility { get; set; } = TimeSpan.FromDays(6);

    /// <summary>Largest payload accepted (inputs, outputs, events).</summary>
    /// <value>Default 16 MB.</value>
    [Range(1024, int.MaxValue)]
    public int MaxPayloadBytes { get; set; } = 16 * 1024 * 1024;
}
