using MediaSync.Catalog.Model;
using MediaSync.Durable;
using MediaSync.Functions.Slots;
using MediaSync.Functions.Sources;
using MediaSync.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Checks;

/// <summary>
/// Probes live streams of one account one after another (<see cref="StreamProber"/>: short timeouts, bounded redirects
/// and bytes, the classification) and records each result in StreamHealth. The URLs are built here from the source's
/// credentials; only ids come in and only classifications go out. Each probe opens its connection only while the caller's
/// account lease is held and ends before the lease expires, so a late activity (a backlog, a host that died and came
/// back) can never use a connection the slots have given to someone else. Several streams per activity keep the
/// connection busy back to back: between two probes there is no queue round trip and no orchestration replay (only the
/// reconnect delay, so the panel has freed the last connection), and each result is written while the next stream is probed.
/// Once the activity has run <see cref="StreamCheckOptions.ProbeBatchDuration"/> it starts no more probes and hands the rest
/// back (<see cref="ProbeOutcome.NotReached"/>) to the lane, which still holds the slot.
/// </summary>
internal sealed class ProbeStreamActivity(
    XtreamLiveStreams streams,
    StreamProber prober,
    StreamHealthStore health,
    SlotsReader slots,
    SourceClients clients,
    IOptions<StreamProberOptions> probeOptions,
    IOptions<StreamCheckOptions> checkOptions,
    TimeProvider time,
    ILogger<ProbeStreamActivity> logger)
    : TaskActivity<ProbeStreamInput, IReadOnlyList<ProbeOutcome>>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "ProbeStream";

    /// <inheritdoc />
    public override async Task<IReadOnlyList<ProbeOutcome>> RunAsync(TaskActivityContext context, ProbeStreamInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var outcomes = new ProbeOutcome[input.StreamIds.Count];
        Array.Fill(outcomes, ProbeOutcome.NotProbed);
        var records = new List<Task>(outcomes.Length);
        TimeSpan reconnectDelay = checkOptions.Value.ReconnectDelay;

        // A probe ends well before the lease expires: the slot passes on at expiry whatever this process is doing, and on
        // a loaded machine the timer that ends a probe can fire late. A tenth of the TTL is far below the third at which
        // a live orchestration renews, so only a holder whose orchestration stopped renewing (its host died) reaches it.
        TimeSpan stopBefore = reconnectDelay + (checkOptions.Value.SlotTtl / 10);
        TimeSpan batchDuration = checkOptions.Value.ProbeBatchDuration;
        long started = time.GetTimestamp();
        try
        {
            DateTimeOffset? expiresAt = null;
            for (int i = 0; i < outcomes.Length; i++)
            {
                string streamId = input.StreamIds[i];
                if (i > 0 && time.GetElapsedTime(started) >= batchDuration)
                {
                    // The rest goes back to the lane, which still holds the slot: progress, a cancel and a killed host's
                    // repeat stay bounded by the batch's time, not by how many slow streams it holds.
                    Array.Fill(outcomes, ProbeOutcome.Deferred, i, outcomes.Length - i);
                    break;
                }

                // The orchestration renews the lease while this runs; the expiry read at the start is re-read only when a
                // whole probe might no longer fit before it, so a renewed lease is not cut short and a lost one is seen.
                if (expiresAt is null || expiresAt.Value - time.GetUtcNow() < probeOptions.Value.TotalTimeout + stopBefore)
                {
                    expiresAt = await LeaseExpiryAsync(input, context.CancellationToken).ConfigureAwait(false);
                    if (expiresAt is null)
                    {
                        Log.ProbeSkippedSlotLost(logger, input.CheckId, input.AccountId, streamId);
                        break;
                    }
                }

                // The connection closes at least the reconnect delay before the lease expires: by then the panel has freed
                // it for whoever the slot passes to next.
                long probeStarted = time.GetTimestamp();
                StreamProbeResult? result = await ProbeAsync(input, streamId, expiresAt.Value - stopBefore, stopBefore, context.CancellationToken).ConfigureAwait(false);
                if (result is { EndedByDeadline: true })
                {
                    // The lease ran out under the probe (its orchestration stopped renewing: a host died): the cut says
                    // nothing about the stream, which stays NotProbed and goes back to its lane for another slot.
                    Log.ProbeCutByLease(logger, input.CheckId, input.AccountId, streamId, (long)time.GetElapsedTime(probeStarted).TotalMilliseconds);
                    break;
                }

                if (result is not null)
                {
                    Log.StreamChecked(logger, input.CheckId, input.AccountId, streamId, result.Status, result.TtfbMs);
                    int? slotWaitMs = i == 0 ? input.SlotWaitMs : null;
                    records.Add(health.RecordAsync(input.AccountId, streamId, result, input.CheckId, slotWaitMs, context.CancellationToken));
                    outcomes[i] = new ProbeOutcome(result.Status.ToString(), result.HttpStatus, result.TtfbMs, result.BitrateKbps);
                }
                else
                {
                    outcomes[i] = new ProbeOutcome(ProbeOutcome.AccountFull, null, null, null);
                }

                // Also after the last probe: the lane's next activity may start at once on the same slot.
                if (reconnectDelay > TimeSpan.Zero)
                {
                    await Task.Delay(reconnectDelay, time, context.CancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Results already probed are stored even when a later probe or write fails; a failed write fails the activity.
            await Task.WhenAll(records).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>
    /// Probes the stream; once more after a failed connection, and once more after a refusal. Null when it was refused again
    /// while the account was at its connection limit: the result would say nothing about the stream.
    /// </summary>
    private async Task<StreamProbeResult?> ProbeAsync(ProbeStreamInput input, string streamId, DateTimeOffset deadline, TimeSpan stopBefore, CancellationToken cancellationToken)
    {
        TimeSpan reconnectDelay = checkOptions.Value.ReconnectDelay;
        Uri url = streams.BuildUrl(input.AccountId, streamId);
        StreamProbeResult result = await prober.ProbeAsync(url, deadline, cancellationToken).ConfigureAwait(false);
        if (result.Status == StreamProbeStatus.ConnectionFailed)
        {
            // One dropped or reset connection is not a dead stream: try once more on the same slot, after the
            // pause that lets the panel free the failed connection.
            await Task.Delay(reconnectDelay, time, cancellationToken).ConfigureAwait(false);
            result = await prober.ProbeAsync(url, deadline, cancellationToken).ConfigureAwait(false);
        }

        if (!IsRefusal(result))
        {
            return result;
        }

        // A refusal may be the account's rather than the stream's: a player outside MediaSync took a connection since the
        // check read the limit, or the panel still counts one that closed (which active_cons may no longer show by the
        // time we ask). Wait, and try once more if a whole probe still fits in the lease.
        TimeSpan wait = checkOptions.Value.AccountFullRetryDelay;
        bool Fits() => time.GetUtcNow() + wait + probeOptions.Value.TotalTimeout <= deadline;
        if (!Fits() && await LeaseExpiryAsync(input, cancellationToken).ConfigureAwait(false) is { } renewed)
        {
            // The orchestration renews the lease while this runs: the expiry read before this probe may be old.
            deadline = renewed - stopBefore;
        }

        if (Fits())
        {
            Log.ProbeRefusedRetrying(logger, input.CheckId, input.AccountId, streamId, result.HttpStatus, wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            result = await prober.ProbeAsync(url, deadline, cancellationToken).ConfigureAwait(false);
        }

        if (IsRefusal(result) && await FullAccountAsync(input.AccountId, cancellationToken).ConfigureAwait(false) is { } full)
        {
            Log.ProbeRefusedAccountFull(logger, input.CheckId, input.AccountId, streamId, result.HttpStatus, full.Active, full.Max);
            return null;
        }

        return result;
    }

    /// <summary>Statuses panels answer a connection over the account's limit with (also an auth failure, hence the account check).</summary>
    private static bool IsRefusal(StreamProbeResult result) =>
        result.Status == StreamProbeStatus.HttpError && result.HttpStatus is 401 or 403 or 429 or 509;

    /// <summary>The account's open and allowed connections when it is at its limit; null when it is not, or the provider cannot say.</summary>
    private async Task<(int Active, int Max)?> FullAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        try
        {
            XtreamAccountInfo info = await clients.Xtream(streams.Account(accountId)).GetAccountInfoAsync(cancellationToken).ConfigureAwait(false);
            return info is { MaxConnections: int max and > 0, ActiveConnections: int active } && active >= max ? (active, max) : null;
        }
        catch (Exception ex) when (ProviderFailure.Is(ex, cancellationToken))
        {
            // Without the account's word the refusal stands as the stream's.
            return null;
        }
    }

    private async Task<DateTimeOffset?> LeaseExpiryAsync(ProbeStreamInput input, CancellationToken cancellationToken)
    {
        SlotsSnapshot account = await slots.GetAccountAsync(input.AccountId, cancellationToken).ConfigureAwait(false);
        return account.Held.FirstOrDefault(l => l.LeaseId == input.LeaseId)?.ExpiresAt;
    }
}
