using MediaSync.Durable;

namespace MediaSync.Functions.Slots;

/// <summary>
/// A counting semaphore with leases, FIFO waiters (ordered by priority first when callers give one) and expiry — the operations shared by <see cref="AccountSlots"/>
/// and <see cref="GlobalSlots"/> (durable-runtime.md §7, "Per-account stream slots"). Operations are public methods,
/// dispatched by name: <c>Acquire</c>, <c>Release</c>, <c>Renew</c>, <c>SetLimit</c>, <c>Sweep</c>, <c>Get</c>.
/// </summary>
/// <remarks>
/// Time comes from the worker's <see cref="TimeProvider"/>: the runtime does not expose the entity batch's clock, and an
/// entity operation is never replayed (its effects are committed once with the batch), so reading the clock is safe here.
/// Overdue leases are also dropped at the start of every operation, so a late sweep never lets a new grant exceed a limit.
/// </remarks>
internal abstract class SlotsEntity(TimeProvider time) : TaskEntity<SlotsState>
{
    /// <summary>The self-signalled operation that frees expired leases.</summary>
    internal const string SweepOperation = "Sweep";

    /// <summary>
    /// A sweep fires this long after the earliest expiry: the runtime may deliver a scheduled signal a few milliseconds
    /// early, and a sweep that finds the lease not yet expired would only schedule itself again.
    /// </summary>
    private static readonly TimeSpan SweepSlack = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets the limit of an entity whose limit was never set (0 = unlimited).</summary>
    protected abstract int DefaultLimit { get; }

    private int Limit => State.Limit ?? DefaultLimit;

    /// <summary>Takes a slot, queues a check, or refuses a viewer. Idempotent for a lease that is already held or queued.</summary>
    /// <param name="request">The lease, its holder, kind and TTL.</param>
    /// <returns>Granted (with expiry), queued (with position) or refused (with a reason).</returns>
    public SlotAcquireResult Acquire(SlotAcquireRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.LeaseId, "request.leaseId");
        ArgumentException.ThrowIfNullOrEmpty(request.Holder, "request.holder");
        if (request.Ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Ttl, $"Acquire on {Context.Id}: the lease TTL must be positive.");
        }

        DateTimeOffset now = time.GetUtcNow();
        ExpireOverdue(now);
        SlotAcquireResult result = AcquireCore(request, now);
        PumpAndScheduleSweep(now);
        return result;
    }

    /// <summary>Frees a held lease or takes a waiter out of the line, then grants the next waiters. Unknown ids are ignored.</summary>
    /// <param name="leaseId">The lease.</param>
    public void Release(string leaseId)
    {
        DateTimeOffset now = time.GetUtcNow();
        ExpireOverdue(now);
        State.Held.RemoveAll(l => l.LeaseId == leaseId);
        State.Waiting.RemoveAll(w => w.LeaseId == leaseId);
        PumpAndScheduleSweep(now);
    }

    /// <summary>Extends a held lease by its TTL.</summary>
    /// <param name="leaseId">The lease.</param>
    /// <returns>False when the lease is gone (released, expired or never granted): the holder must stop.</returns>
    public bool Renew(string leaseId)
    {
        DateTimeOffset now = time.GetUtcNow();
        ExpireOverdue(now);
        int index = State.Held.FindIndex(l => l.LeaseId == leaseId);
        if (index >= 0)
        {
            HeldLease lease = State.Held[index];
            State.Held[index] = lease with { ExpiresAt = now + lease.Ttl };
        }

        PumpAndScheduleSweep(now);
        return index >= 0;
    }

    /// <summary>Sets the limit (0 = unlimited). A lower limit applies to new grants; nothing held is taken away.</summary>
    /// <param name="limit">The new limit.</param>
    public void SetLimit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        State.Limit = limit;
        PumpAndScheduleSweep(time.GetUtcNow());
    }

    /// <summary>The self-scheduled signal: frees expired leases and grants waiters.</summary>
    /// <param name="due">When this sweep was scheduled for.</param>
    public void Sweep(DateTimeOffset due)
    {
        if (State.SweepAt == due)
        {
            State.SweepAt = null;
        }

        DateTimeOffset now = time.GetUtcNow();
        ExpireOverdue(now);
        PumpAndScheduleSweep(now);
    }

    /// <summary>The limit, held leases and waiters.</summary>
    /// <returns>A snapshot.</returns>
    public SlotsSnapshot Get() => ToSnapshot(State, DefaultLimit);

    /// <summary>The snapshot of a stored state (also used by readers outside the entity).</summary>
    internal static SlotsSnapshot ToSnapshot(SlotsState state, int defaultLimit) =>
        new(state.Limit ?? defaultLimit, state.Limit is null, [.. state.Held], [.. state.Waiting]);

    /// <summary>Why a viewer gets no slot, in words a viewer can read.</summary>
    /// <param name="inUse">Slots held.</param>
    /// <param name="limit">The limit.</param>
    protected abstract string DescribeFull(int inUse, int limit);

    private SlotAcquireResult AcquireCore(SlotAcquireRequest request, DateTimeOffset now)
    {
        int held = State.Held.FindIndex(l => l.LeaseId == request.LeaseId);
        if (held >= 0)
        {
            // A replayed or duplicated acquire: the holder still has it; treat it as a renewal.
            HeldLease lease = State.Held[held] with { ExpiresAt = now + request.Ttl, Ttl = request.Ttl };
            State.Held[held] = lease;
            return new SlotAcquireResult(SlotOutcome.Granted, ExpiresAt: lease.ExpiresAt);
        }

        int queued = State.Waiting.FindIndex(w => w.LeaseId == request.LeaseId);
        if (queued >= 0)
        {
            return new SlotAcquireResult(SlotOutcome.Queued, Position: queued + 1);
        }

        // Waiters go first: a newcomer never overtakes the line, even when a slot is free for a moment.
        if (State.Waiting.Count == 0 && HasCapacity())
        {
            var lease = new HeldLease(request.LeaseId, request.Holder, request.Kind, request.Ttl, now + request.Ttl);
            State.Held.Add(lease);
            return new SlotAcquireResult(SlotOutcome.Granted, ExpiresAt: lease.ExpiresAt);
        }

        if (request.Kind == SlotKind.Viewer)
        {
            return new SlotAcquireResult(SlotOutcome.Refused, Reason: DescribeFull(State.Held.Count, Limit));
        }

        // Behind every waiter of the same or a higher priority: with one priority this is plain FIFO.
        int position = State.Waiting.FindIndex(w => w.Priority < request.Priority);
        position = position < 0 ? State.Waiting.Count : position;
        State.Waiting.Insert(position, new SlotWaiter(request.LeaseId, request.Holder, request.Ttl, now, request.Priority));
        return new SlotAcquireResult(SlotOutcome.Queued, Position: position + 1);
    }

    private bool HasCapacity() => Limit == 0 || State.Held.Count < Limit;

    private void ExpireOverdue(DateTimeOffset now) => State.Expired += State.Held.RemoveAll(l => l.ExpiresAt <= now);

    private void PumpAndScheduleSweep(DateTimeOffset now)
    {
        while (State.Waiting.Count > 0 && HasCapacity())
        {
            SlotWaiter next = State.Waiting[0];
            State.Waiting.RemoveAt(0);
            var lease = new HeldLease(next.LeaseId, next.Holder, SlotKind.Check, next.Ttl, now + next.Ttl);
            State.Held.Add(lease);
#pragma warning disable MSDURABLE001 // Waking the waiting orchestration is exactly what the experimental RaiseEvent is for.
            Context.RaiseEvent(next.Holder, GrantEventName(next.LeaseId), new SlotGrant(Context.Id.ToString(), lease.LeaseId, lease.ExpiresAt));
#pragma warning restore MSDURABLE001
        }

        if (State.Held.Count == 0)
        {
            return;
        }

        // One pending sweep at a time, unless a lease now expires before it: then an earlier one is added
        // (the later one finds nothing to do and schedules nothing new).
        DateTimeOffset due = State.Held.Min(l => l.ExpiresAt) + SweepSlack;
        if (State.SweepAt is { } pending && pending <= due)
        {
            return;
        }

        State.SweepAt = due;
        Context.SignalEntity(Context.Id, SweepOperation, due, new SignalEntityOptions { SignalTime = due });
    }

    /// <summary>The event a queued holder waits for.</summary>
    /// <param name="leaseId">The lease.</param>
    internal static string GrantEventName(string leaseId) => $"slot:{leaseId}";
}
