using MediaSync.Durable;

namespace MediaSync.Functions.Sync;

/// <summary>Durable retries of sync activities: on top of the provider clients' own per-call retries, a whole unit is tried again (a truncated list, a host that died).</summary>
internal static class SyncRetry
{
    /// <summary>Three attempts, 2 s then 4 s apart (durable timers, so nothing is held while waiting).</summary>
    public static TaskOptions Unit { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), backoffCoefficient: 2));
}
