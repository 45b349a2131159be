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

    /// <summary>When to renew next: a third of the TTL before the expiry, and never before <paramref name="now"/>.</summary>
    public DateTime RenewAt(DateTime now)
    {
        DateTime at = ExpiresAt.UtcDateTime - (ttl / 3);
        return at > now ? at : now;
    }

    /// <summary>Renews the lease; a lease already gone keeps its past expiry, so the caller's slot renews at once, fails and starts over.</summary>
    public async Task RenewAsync()
    {
        // The entity runs the renewal after this turn committed, so its expiry is at least this moment + TTL.
        var renewedFrom = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        if (await context.Entities.CallEntityAsync<bool>(entity, nameof(SlotsEntity.Renew), leaseId).ConfigureAwait(true))
        {
            ExpiresAt = renewedFrom + ttl;
        }
        else
        {
            IsLost = true;
        }
    }
}
