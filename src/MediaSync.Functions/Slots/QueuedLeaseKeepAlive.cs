// IMPORTANT: orchestrator code; awaits must resume on the replay thread (no ConfigureAwait(false)).
using MediaSync.Durable;

namespace MediaSync.Functions.Slots;

/// <summary>
/// Keeps a granted lease alive while its holder waits in line for a second one (the account lease while the check waits
/// for the global slot): renewed a third of the TTL before it would expire.
/// </summary>
internal sealed class QueuedLeaseKeepAlive(TaskOrchestrationContext context, EntityInstanceId entity, string leaseId, TimeSpan ttl, DateTimeOffset expiresAt)
{
    /// <summary>Gets the lease's expiry as last granted or renewed.</summary>
    public DateTimeOffset ExpiresAt { get; private set; } = expiresAt;

    /// <summary>Gets a value indicating whether a renewal found the lease gone; it is not renewed again.</summary>
    public bool IsLost { get; private set; }

    /// <summary>Gets when to renew next (null once lost).</summary>
    public DateTime? RenewAt => IsLost ? null : LeaseRenewal.RenewAt(ExpiresAt, ttl);

    /// <summary>Renews the lease; a lease already gone keeps its past expiry, so the caller's slot renews at once, fails and starts over.</summary>
    public async Task RenewAsync()
    {
        if (await LeaseRenewal.RenewAsync(context, [entity], leaseId, ttl).ConfigureAwait(true) is { } renewed)
        {
            ExpiresAt = renewed;
        }
        else
        {
            IsLost = true;
        }
    }
}
