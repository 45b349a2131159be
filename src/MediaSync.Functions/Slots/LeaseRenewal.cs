// IMPORTANT: orchestrator code; awaits must resume on the replay thread (no ConfigureAwait(false)).
using MediaSync.Durable;

namespace MediaSync.Functions.Slots;

/// <summary>
/// The two steps every lease holder in an orchestration repeats: renewing a lease on its entities, and waiting for
/// something (a grant, a probe) while renewing the lease a third of the TTL before it would expire.
/// </summary>
internal static class LeaseRenewal
{
    /// <summary>Renews <paramref name="leaseId"/> on every entity at once.</summary>
    /// <returns>The new expiry, or null when any entity no longer had the lease (expired or released).</returns>
    public static async Task<DateTimeOffset?> RenewAsync(TaskOrchestrationContext context, IReadOnlyList<EntityInstanceId> entities, string leaseId, TimeSpan ttl)
    {
        // The entities run the renewal after this turn committed, so their expiry is at least this moment + TTL.
        var renewedFrom = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        bool[] renewed = await Task.WhenAll(entities.Select(e => context.Entities.CallEntityAsync<bool>(e, nameof(SlotsEntity.Renew), leaseId))).ConfigureAwait(true);
        return renewed.All(r => r) ? renewedFrom + ttl : null;
    }

    /// <summary>When a lease expiring at <paramref name="expiresAt"/> is renewed: a third of its TTL before.</summary>
    public static DateTime RenewAt(DateTimeOffset expiresAt, TimeSpan ttl) => expiresAt.UtcDateTime - (ttl / 3);

    /// <summary>
    /// Waits for <paramref name="work"/>; whenever the durable clock reaches <paramref name="renewAt"/> first, runs
    /// <paramref name="renew"/> and goes on waiting. A null renewal time waits without renewing.
    /// </summary>
    /// <returns>The work's result.</returns>
    public static async Task<T> WhileRenewingAsync<T>(TaskOrchestrationContext context, Task<T> work, Func<DateTime?> renewAt, Func<Task> renew)
    {
        while (true)
        {
            if (renewAt() is not { } at)
            {
                return await work.ConfigureAwait(true);
            }

            using var cancelTimer = new CancellationTokenSource();
            Task timer = context.CreateTimer(at > context.CurrentUtcDateTime ? at : context.CurrentUtcDateTime, cancelTimer.Token);
            if (await Task.WhenAny(work, timer).ConfigureAwait(true) == work)
            {
                cancelTimer.Cancel(); // not CancelAsync: its callbacks run on the thread pool, outside the orchestration
                return await work.ConfigureAwait(true);
            }

            await renew().ConfigureAwait(true);
        }
    }
}
