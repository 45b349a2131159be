using MediaSync.Durable;

namespace MediaSync.Functions.Slots;

/// <summary>
/// A held account slot plus a global slot, for a check running in an orchestration. Dispose releases both (global
/// first); renew while the work lasts longer than the TTL.
/// </summary>
internal sealed class StreamSlot : IAsyncDisposable
{
    private readonly TaskOrchestrationContext context;
    private readonly TimeSpan ttl;
    private bool released;

    internal StreamSlot(TaskOrchestrationContext context, string accountId, string leaseId, TimeSpan ttl, DateTimeOffset expiresAt)
    {
        this.context = context;
        this.ttl = ttl;
        AccountId = accountId;
        LeaseId = leaseId;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets the account whose connection this slot occupies.</summary>
    public string AccountId { get; }

    /// <summary>Gets the lease id (the same in the account and the global entity).</summary>
    public string LeaseId { get; }

    /// <summary>
    /// Gets when the earlier of the two leases expires unless renewed (entity clock). Work done under the slot
    /// (a probe activity) must not start or run past it: after that the slot may belong to someone else.
    /// </summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Renews the account and the global lease by their TTL.</summary>
    /// <returns>False when either lease was gone (expired or released): the holder must stop using the connection.</returns>
    public async Task<bool> RenewAsync()
    {
        if (released)
        {
            return false;
        }

        if (await LeaseRenewal.RenewAsync(context, [AccountSlots.For(AccountId), GlobalSlots.Id], LeaseId, ttl).ConfigureAwait(true) is not { } renewed)
        {
            return false;
        }

        ExpiresAt = renewed;
        return true;
    }

    /// <summary>Releases the global slot, then the account slot (one-way signals). Idempotent.</summary>
    public ValueTask DisposeAsync()
    {
        if (released)
        {
            return ValueTask.CompletedTask;
        }

        released = true;
        return new ValueTask(StreamSlotOrchestrationExtensions.ReleaseBothAsync(context, AccountId, LeaseId));
    }
}
