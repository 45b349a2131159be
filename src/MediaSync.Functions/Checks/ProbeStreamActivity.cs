using MediaSync.Durable;
using MediaSync.Functions.Slots;
using MediaSync.Streams;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Checks;

/// <summary>
/// Probes one live stream (<see cref="StreamProber"/>: short timeouts, bounded redirects and bytes, the
/// classification) and records the result in StreamHealth. The URL is built here from the source's credentials;
/// only ids come in and only the classification goes out. The probe opens a connection only while the caller's
/// account lease is held and ends before the lease expires, so a late activity (a backlog, a host that died and
/// came back) can never use a connection the slots have given to someone else.
/// </summary>
internal sealed class ProbeStreamActivity(XtreamLiveStreams streams, StreamProber prober, StreamHealthStore health, SlotsReader slots, ILogger<ProbeStreamActivity> logger)
    : TaskActivity<ProbeStreamInput, ProbeOutcome>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "ProbeStream";

    /// <inheritdoc />
    public override async Task<ProbeOutcome> RunAsync(TaskActivityContext context, ProbeStreamInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        Uri url = streams.BuildUrl(input.AccountId, input.StreamId);
        SlotsSnapshot account = await slots.GetAccountAsync(input.AccountId, context.CancellationToken).ConfigureAwait(false);
        HeldLease? lease = account.Held.FirstOrDefault(l => l.LeaseId == input.LeaseId);
        if (lease is null)
        {
            Log.ProbeSkippedSlotLost(logger, input.CheckId, input.AccountId, input.StreamId);
            return new ProbeOutcome(ProbeOutcome.SlotLost, null, null, null);
        }

        StreamProbeResult result = await prober.ProbeAsync(url, lease.ExpiresAt, context.CancellationToken).ConfigureAwait(false);
        await health.RecordAsync(input.AccountId, input.StreamId, result, input.CheckId, input.SlotWaitMs, context.CancellationToken).ConfigureAwait(false);
        Log.StreamChecked(logger, input.CheckId, input.AccountId, input.StreamId, result.Status, result.TtfbMs);
        return new ProbeOutcome(result.Status.ToString(), result.HttpStatus, result.TtfbMs, result.BitrateKbps);
    }
}
