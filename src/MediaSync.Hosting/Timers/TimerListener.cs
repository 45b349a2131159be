using Azure.Storage.Blobs;
using MediaSync.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace MediaSync.Hosting.Timers;

/// <summary>
/// Runs one timer function on this host: competes for the listener lease, and while it holds it fires each
/// occurrence once, claiming it first in the status blob with an ETag condition (so even two hosts that both
/// believe they hold the lease cannot fire the same occurrence twice). Invocations never overlap.
/// </summary>
internal sealed class TimerListener(
    TimerFunction function,
    CrontabSchedule schedule,
    BlobContainerClient container,
    string hostId,
    SingletonHostOptions singleton,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger logger)
{
    private readonly TimerStatusStore store = new(container, hostId, function.Name);
    private readonly TimerListenerLease lease = new(container, hostId, function.Name, singleton.ListenerLockPeriod);
    private bool startupRunDone;

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await CompeteAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task CompeteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            bool acquired;
            try
            {
                acquired = await lease.TryAcquireAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.TimerStorageError(logger, ex, function.Name);
                acquired = false;
            }

            if (!acquired)
            {
                await DelayAsync(singleton.ListenerLockRecoveryPollingInterval, stopping).ConfigureAwait(false);
                continue;
            }

            Log.TimerLeaseAcquired(logger, function.Name, hostId);
            using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            Task renewing = RenewWhileHeldAsync(leaseLost);
            try
            {
                await FireWhileLeaderAsync(leaseLost.Token, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
            {
                // Stopping, or the lease was lost: stop firing.
            }
            catch (Exception ex)
            {
                Log.TimerStorageError(logger, ex, function.Name);
            }
            finally
            {
                await leaseLost.CancelAsync().ConfigureAwait(false);
                await renewing.ConfigureAwait(false);
                await lease.ReleaseAsync().ConfigureAwait(false);
            }

            if (!stopping.IsCancellationRequested)
            {
                await DelayAsync(singleton.ListenerLockRecoveryPollingInterval, stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task FireWhileLeaderAsync(CancellationToken leader, CancellationToken stopping)
    {
        (ScheduleStatus? status, Azure.ETag etag) = await store.ReadAsync(leader).ConfigureAwait(false);
        DateTime? waitedFor = null;
        while (true)
        {
            leader.ThrowIfCancellationRequested();
            DateTime now = UtcNow();
            if (status is null)
            {
                var initial = new ScheduleStatus { Last = DateTime.MinValue, Next = schedule.GetNextOccurrence(now), LastUpdated = now };
                (status, etag) = await store.TryWriteAsync(initial, default, leader).ConfigureAwait(false) is { } created
                    ? (initial, created)
                    : await store.ReadAsync(leader).ConfigureAwait(false);
                continue;
            }

            if (!startupRunDone && function.RunOnStartup && status.Next > now)
            {
                // RunOnStartup does not move the schedule; a past-due firing below already counts as the startup run.
                startupRunDone = true;
                await InvokeAsync(new TimerInfo { ScheduleStatus = status, IsPastDue = false }, stopping).ConfigureAwait(false);
                continue;
            }

            startupRunDone = true;
            DateTime scheduledNext = schedule.GetNextOccurrence(now);
            if (status.Next > scheduledNext)
            {
                // The recorded Next is later than the schedule allows: the schedule changed (e.g. yearly to hourly).
                // Re-plan instead of waiting for an occurrence the current schedule no longer has.
                var replanned = new ScheduleStatus { Last = status.Last, Next = scheduledNext, LastUpdated = now };
                (status, etag) = await store.TryWriteAsync(replanned, etag, leader).ConfigureAwait(false) is { } written
                    ? (replanned, written)
                    : await store.ReadAsync(leader).ConfigureAwait(false);
                continue;
            }

            if (status.Next > now)
            {
                waitedFor = status.Next;
                await DelayAsync(status.Next - now, leader).ConfigureAwait(false);
                continue;
            }

            // Past due when no host was waiting for this occurrence (found already passed at start-up or after a
            // long invocation), or when this host woke a whole period late; the missed occurrences are coalesced.
            bool pastDue = waitedFor != status.Next || schedule.GetNextOccurrence(status.Next) <= now;
            var claimed = new ScheduleStatus { Last = status.Next, Next = schedule.GetNextOccurrence(now), LastUpdated = now };
            Azure.ETag? claimedETag = await store.TryWriteAsync(claimed, etag, leader).ConfigureAwait(false);
            if (claimedETag is null)
            {
                Log.TimerOccurrenceTaken(logger, function.Name, status.Next);
                (status, etag) = await store.ReadAsync(leader).ConfigureAwait(false);
                continue;
            }

            // Claimed before invoking: a crash mid-invocation does not repeat the occurrence (at most once per occurrence).
            await InvokeAsync(new TimerInfo { ScheduleStatus = status, IsPastDue = pastDue }, stopping).ConfigureAwait(false);
            (status, etag) = (claimed, claimedETag.Value);
        }
    }

    private async Task InvokeAsync(TimerInfo info, CancellationToken stopping)
    {
        Log.TimerFiring(logger, function.Name, info.ScheduleStatus?.Next, info.IsPastDue);
        try
        {
            AsyncServiceScope scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await function.Handler(info, scope.ServiceProvider, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A failing handler must not stop the schedule; the next occurrence fires as usual.
            Log.TimerFailed(logger, ex, function.Name);
        }
    }

    private async Task RenewWhileHeldAsync(CancellationTokenSource leaseLost)
    {
        TimeSpan interval = singleton.ListenerLockPeriod / 3;
        try
        {
            while (!leaseLost.IsCancellationRequested)
            {
                await Task.Delay(interval, time, leaseLost.Token).ConfigureAwait(false);
                if (!await lease.TryRenewAsync(leaseLost.Token).ConfigureAwait(false))
                {
                    Log.TimerLeaseLost(logger, function.Name, hostId);
                    await leaseLost.CancelAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped or lost: the caller releases.
        }
        catch (Exception ex)
        {
            Log.TimerStorageError(logger, ex, function.Name);
            await leaseLost.CancelAsync().ConfigureAwait(false);
        }
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, time, cancellationToken);

    private DateTime UtcNow() => time.GetUtcNow().UtcDateTime;
}
