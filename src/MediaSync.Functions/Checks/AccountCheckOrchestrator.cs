// IMPORTANT: orchestrator code; awaits must resume on the replay thread (no ConfigureAwait(false)).
#pragma warning disable CA2007

using MediaSync.Durable;
using MediaSync.Functions.Progress;
using MediaSync.Functions.Slots;

namespace MediaSync.Functions.Checks;

/// <summary>
/// One account's part of a stream check. First page: reads the account's connection limit (<see cref="GetAccountLimitActivity"/>)
/// and sets it on the account's slots. Every page: takes up to <see cref="CheckSettings.PageSize"/> stream ids (explicit, or
/// listed from the catalog by <see cref="ListCheckStreamsActivity"/>), checks them with at most the limit in flight — each
/// check acquires a slot (FIFO behind viewers and other checks), waits out the stagger, runs <see cref="ProbeStreamActivity"/>
/// while renewing the lease, and releases it whatever happens — then continues as new, so history holds one page at a time.
/// </summary>
internal sealed class AccountCheckOrchestrator : TaskOrchestrator<AccountCheckInput, AccountCheckSummary?>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "AccountCheck";

    /// <summary>How often a check whose lease expired before its probe started tries again.</summary>
    private const int MaxSlotLostRetries = 5;

    /// <inheritdoc />
    public override async Task<AccountCheckSummary?> RunAsync(TaskOrchestrationContext context, AccountCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        CheckSettings settings = input.Settings;
        DateTime startedAt = input.StartedAt ?? context.CurrentUtcDateTime;
        CheckTally tally = input.Tally ?? CheckTally.Empty;

        int limit;
        if (input.Limit is int known)
        {
            limit = known;
        }
        else
        {
            limit = await context.CallActivityAsync<int>(GetAccountLimitActivity.Name, input.AccountId);
            await context.SetStreamSlotLimitAsync(input.AccountId, limit);
        }

        int cap = settings.MaxStreamsPerAccount;
        int room = Math.Max(0, cap - input.Offset);
        string[] ids;
        string? continuation = null;
        int? total = input.Total;
        if (input.StreamIds is { } explicitIds)
        {
            total ??= explicitIds.Count;
            ids = explicitIds.Skip(input.Offset).Take(Math.Min(settings.PageSize, room)).ToArray();
        }
        else
        {
            CheckStreamPage page = await context.CallActivityAsync<CheckStreamPage>(
                ListCheckStreamsActivity.Name,
                new ListCheckStreamsInput(input.AccountId, input.Channel, input.Continuation, Math.Max(1, Math.Min(settings.PageSize, room)), cap + 1));
            total ??= page.Total;
            ids = page.StreamIds.Take(room).ToArray();
            continuation = page.Continuation;
        }

        int covered = Math.Min(total ?? 0, cap);
        context.SetCustomStatus(ProgressStatus.Of("checking", tally.Done, covered, context.CurrentUtcDateTime - startedAt));

        int width = limit > 0 ? Math.Min(limit, settings.MaxInFlightPerAccount) : settings.MaxInFlightPerAccount;
        var stagger = new Stagger(TimeSpan.FromMilliseconds(settings.StaggerMs));
        IReadOnlyList<FanOutResult<ProbeOutcome?>> results = await context.WhenAllBoundedAsync(ids, width, async id =>
        {
            ProbeOutcome? outcome = await CheckAsync(context, input, id, stagger);
            tally = outcome is null ? tally with { NoSlot = tally.NoSlot + 1 } : tally.WithProbe(outcome.Status);
            context.SetCustomStatus(ProgressStatus.Of("checking", tally.Done, covered, context.CurrentUtcDateTime - startedAt));
            return outcome;
        });
        tally = tally with { Failed = tally.Failed + results.Count(r => !r.Succeeded) };

        int offset = input.Offset + ids.Length;
        bool more = offset < cap && ids.Length > 0 && (input.StreamIds is { } all ? offset < all.Count : continuation is not null);
        if (more)
        {
            context.ContinueAsNew(input with { Continuation = continuation, Offset = offset, Tally = tally, Total = total, Limit = limit, StartedAt = startedAt });
            return null;
        }

        tally = tally with { NotChecked = Math.Max(0, (total ?? offset) - offset) };
        context.SetCustomStatus(ProgressStatus.Of("done", tally.Done, covered, context.CurrentUtcDateTime - startedAt));
        return new AccountCheckSummary(input.AccountId, limit, total ?? offset, tally);
    }

    /// <summary>One check under a slot; null when no slot came within the wait timeout.</summary>
    private static async Task<ProbeOutcome?> CheckAsync(TaskOrchestrationContext context, AccountCheckInput input, string streamId, Stagger stagger)
    {
        CheckSettings settings = input.Settings;
        var slotOptions = new StreamSlotOptions
        {
            Ttl = TimeSpan.FromMilliseconds(settings.SlotTtlMs),
            WaitTimeout = settings.SlotWaitTimeoutMs is int wait ? TimeSpan.FromMilliseconds(wait) : null,
        };
        for (int attempt = 0; ; attempt++)
        {
            DateTime requested = context.CurrentUtcDateTime;
            StreamSlot slot;
            try
            {
                slot = await context.AcquireStreamSlotAsync(input.AccountId, slotOptions);
            }
            catch (TimeoutException)
            {
                return null;
            }

            ProbeOutcome outcome;
            await using (slot)
            {
                await stagger.WaitTurnAsync(context);

                // The account lease was granted first and aged while the check queued for the global slot (or the
                // stagger): renew it before opening a connection, and start over if it is already gone.
                if (context.CurrentUtcDateTime - requested > slotOptions.Ttl / 3 && !await slot.RenewAsync())
                {
                    outcome = new ProbeOutcome(ProbeOutcome.SlotLost, null, null, null);
                }
                else
                {
                    int waitedMs = (int)(context.CurrentUtcDateTime - requested).TotalMilliseconds;
                    var probe = new ProbeStreamInput(input.AccountId, streamId, input.CheckId, slot.LeaseId, waitedMs);
                    outcome = await ProbeWhileRenewingAsync(context, slot, probe, slotOptions.Ttl);
                }
            }

            if (!outcome.IsSlotLost || attempt >= MaxSlotLostRetries)
            {
                return outcome;
            }
        }
    }

    /// <summary>Runs the probe; while it runs, renews the lease a third of the TTL before it would expire.</summary>
    private static async Task<ProbeOutcome> ProbeWhileRenewingAsync(TaskOrchestrationContext context, StreamSlot slot, ProbeStreamInput probeInput, TimeSpan ttl)
    {
        Task<ProbeOutcome> probe = context.CallActivityAsync<ProbeOutcome>(ProbeStreamActivity.Name, probeInput);
        while (true)
        {
            DateTime renewAt = slot.ExpiresAt.UtcDateTime - (ttl / 3);
            using var cancelTimer = new CancellationTokenSource();
            Task timer = context.CreateTimer(renewAt > context.CurrentUtcDateTime ? renewAt : context.CurrentUtcDateTime, cancelTimer.Token);
            Task first = await Task.WhenAny(probe, timer);
            if (first == probe)
            {
                cancelTimer.Cancel(); // not CancelAsync: its callbacks run on the thread pool, outside the orchestration
                return await probe;
            }

            // The probe itself ends before the lease it saw at its start expires; renewing keeps the slot held for
            // a probe still waiting to start, and a failed renewal makes that probe find its lease gone and skip.
            await slot.RenewAsync();
        }
    }

    /// <summary>Spaces probe starts on one account by the stagger delay (orchestration code runs one continuation at a time).</summary>
    private sealed class Stagger(TimeSpan delay)
    {
        private DateTime next = DateTime.MinValue;

        public async Task WaitTurnAsync(TaskOrchestrationContext context)
        {
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            DateTime now = context.CurrentUtcDateTime;
            DateTime start = next > now ? next : now;
            next = start + delay;
            if (start > now)
            {
                await context.CreateTimer(start, CancellationToken.None);
            }
        }
    }
}
