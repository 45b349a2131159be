using MediaSync.Durable;

namespace MediaSync.Functions.Slots;

/// <summary>
/// Orchestration-side access to the slots: acquire an account slot and then a global slot around a piece of work,
/// <c>await using StreamSlot slot = await ctx.AcquireStreamSlotAsync(account, new() { Ttl = ... });</c>.
/// </summary>
internal static class StreamSlotOrchestrationExtensions
{
    /// <summary>
    /// Acquires <see cref="AccountSlots"/>(<paramref name="accountId"/>) as a check (waiting FIFO when none is free), then
    /// <see cref="GlobalSlots"/>. Account first: a check queued behind a busy account never holds a global slot that
    /// another account could use, and one fixed order cannot deadlock. On any failure or timeout whatever was taken is
    /// given back (a release also takes a waiter out of the line, and frees a grant that raced with the timeout).
    /// </summary>
    /// <param name="context">The orchestration.</param>
    /// <param name="accountId">The provider account.</param>
    /// <param name="options">TTL and wait timeout.</param>
    /// <param name="cancellationToken">Gives up waiting (the caller no longer needs the slot); cancel it from orchestration code.</param>
    /// <returns>The held slot; dispose it to release.</returns>
    /// <exception cref="TimeoutException">No slot within <see cref="StreamSlotOptions.WaitTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public static async Task<StreamSlot> AcquireStreamSlotAsync(
        this TaskOrchestrationContext context, string accountId, StreamSlotOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        options ??= new StreamSlotOptions();
        if (options.Ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Ttl, $"StreamSlotOptions.Ttl must be positive (account {accountId}).");
        }

        if (options.WaitTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WaitTimeout, $"StreamSlotOptions.WaitTimeout must not be negative (account {accountId}).");
        }

        // IMPORTANT: the lease id must replay identically, so it comes from the orchestration's deterministic GUIDs.
        string leaseId = context.NewGuid().ToString("N");
        DateTime? deadline = options.WaitTimeout is { } wait ? context.CurrentUtcDateTime + wait : null;
        var request = new SlotAcquireRequest(leaseId, context.InstanceId, SlotKind.Check, options.Ttl);
        var globalRequest = request with { Priority = options.GlobalPriority };
        EntityInstanceId account = AccountSlots.For(accountId);

        DateTimeOffset accountExpiry;
        try
        {
            accountExpiry = await AcquireAsync(context, account, request, deadline, options.WaitTimeout, keepAlive: null, cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            await context.Entities.SignalEntityAsync(account, nameof(SlotsEntity.Release), leaseId).ConfigureAwait(true);
            throw;
        }

        // The account lease must outlive the wait for the global slot (behind a full global cap it can take longer than
        // the TTL): renewed a third of the TTL before it would expire, like a held slot.
        var accountLease = new QueuedLeaseKeepAlive(context, account, leaseId, options.Ttl, accountExpiry);
        DateTimeOffset globalExpiry;
        try
        {
            globalExpiry = await AcquireAsync(context, GlobalSlots.Id, globalRequest, deadline, options.WaitTimeout, accountLease, cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            await ReleaseBothAsync(context, accountId, leaseId).ConfigureAwait(true);
            throw;
        }

        accountExpiry = accountLease.ExpiresAt;
        return new StreamSlot(context, accountId, leaseId, options.Ttl, accountExpiry < globalExpiry ? accountExpiry : globalExpiry);
    }

    /// <summary>Sets an account's <c>max_streams</c> (0 = unlimited); a lower limit applies to new grants only. One-way.</summary>
    /// <param name="context">The orchestration.</param>
    /// <param name="accountId">The provider account.</param>
    /// <param name="maxStreams">The limit.</param>
    public static Task SetStreamSlotLimitAsync(this TaskOrchestrationContext context, string accountId, int maxStreams)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(maxStreams);
        return context.Entities.SignalEntityAsync(AccountSlots.For(accountId), nameof(SlotsEntity.SetLimit), maxStreams);
    }

    /// <summary>Sets the cap on checks across all accounts (0 = unlimited). One-way.</summary>
    /// <param name="context">The orchestration.</param>
    /// <param name="maxChecks">The limit.</param>
    public static Task SetGlobalStreamSlotLimitAsync(this TaskOrchestrationContext context, int maxChecks)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChecks);
        return context.Entities.SignalEntityAsync(GlobalSlots.Id, nameof(SlotsEntity.SetLimit), maxChecks);
    }

    /// <summary>Releases the global lease, then the account lease (signals; unknown leases are ignored by the entities).</summary>
    internal static async Task ReleaseBothAsync(TaskOrchestrationContext context, string accountId, string leaseId)
    {
        await context.Entities.SignalEntityAsync(GlobalSlots.Id, nameof(SlotsEntity.Release), leaseId).ConfigureAwait(true);
        await context.Entities.SignalEntityAsync(AccountSlots.For(accountId), nameof(SlotsEntity.Release), leaseId).ConfigureAwait(true);
    }

    private static async Task<DateTimeOffset> AcquireAsync(
        TaskOrchestrationContext context, EntityInstanceId entity, SlotAcquireRequest request, DateTime? deadline, TimeSpan? waitTimeout,
        QueuedLeaseKeepAlive? keepAlive, CancellationToken cancellationToken)
    {
        SlotAcquireResult result = await context.Entities.CallEntityAsync<SlotAcquireResult>(entity, nameof(SlotsEntity.Acquire), request).ConfigureAwait(true);
        switch (result.Outcome)
        {
            case SlotOutcome.Granted:
                return result.ExpiresAt ?? throw new InvalidOperationException($"{entity} granted lease {request.LeaseId} without an expiry.");
            case SlotOutcome.Queued:
                break;
            default:
                throw new InvalidOperationException($"{entity} refused check lease {request.LeaseId}: {result.Reason}");
        }

        if (deadline is { } until && until <= context.CurrentUtcDateTime)
        {
            throw new TimeoutException($"No slot of {entity} within {waitTimeout}: the wait timeout was used up (lease {request.LeaseId}, position {result.Position} when queued).");
        }

        // The grant may already be buffered: a raised event waits for its WaitForExternalEvent.
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopTimers = new CancellationTokenSource();
        Task<SlotGrant> grant = context.WaitForExternalEvent<SlotGrant>(SlotsEntity.GrantEventName(request.LeaseId), stopWaiting.Token);
        Task? timeout = deadline is { } end ? context.CreateTimer(end, stopTimers.Token) : null;
        try
        {
            Task<Task> decided = Task.WhenAny(new[] { grant, timeout }.OfType<Task>());
            Task first = await LeaseRenewal.WhileRenewingAsync(context, decided, () => keepAlive?.RenewAt, () => keepAlive!.RenewAsync()).ConfigureAwait(true);
            if (first == grant)
            {
                return (await grant.ConfigureAwait(true)).ExpiresAt;
            }

            stopWaiting.Cancel(); // not CancelAsync: its callbacks run on the thread pool, outside the orchestration
            throw new TimeoutException($"No slot of {entity} within {waitTimeout} (lease {request.LeaseId}, position {result.Position} when queued).");
        }
        finally
        {
            stopTimers.Cancel();
        }
    }
}
