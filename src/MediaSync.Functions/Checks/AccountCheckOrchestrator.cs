// IMPORTANT: orchestrator code; awaits must resume on the replay thread (no ConfigureAwait(false)).
#pragma warning disable CA2007

using MediaSync.Durable;
using MediaSync.Functions.Progress;
using MediaSync.Functions.Slots;

namespace MediaSync.Functions.Checks;

/// <summary>
/// One account's part of a stream check. First page: sets the account's connection limit (read by the check with
/// <see cref="GetAccountLimitActivity"/> before it starts the part) on the account's slots; later pages read it again
/// and set it when it changed. Every page: takes up to <see cref="CheckSettings.PageSize"/> stream ids (explicit, or
/// listed from the catalog by <see cref="ListCheckStreamsActivity"/>), checks them with at most the limit in flight — each
/// lane acquires a slot (FIFO behind viewers and other checks), waits out the stagger, runs <see cref="ProbeStreamActivity"/>
/// on a batch of streams while renewing the lease, and releases it whatever happens — then continues as new, so history
/// holds one page at a time.
/// </summary>
internal sealed class AccountCheckOrchestrator : TaskOrchestrator<AccountCheckInput, AccountCheckSummary?>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "AccountCheck";

    /// <summary>How often a stream whose lease was found gone before its probe started goes back for another slot.</summary>
    private const int MaxSlotLostRetries = 5;

    /// <inheritdoc />
    public override async Task<AccountCheckSummary?> RunAsync(TaskOrchestrationContext context, AccountCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        CheckSettings settings = input.Settings;
        DateTime startedAt = input.StartedAt ?? context.CurrentUtcDateTime;
        CheckTally tally = input.Tally ?? CheckTally.Empty;

        // The check reads the limit before it starts the part. It is set on the account's slots from here, on the first
        // page, so it reaches the entity before this part's first acquire. A long check reads it again before each later
        // page: a player that started on the account meanwhile (or stopped) changes what the check may use.
        int limit = input.Limit ?? throw new InvalidOperationException($"The check of account {input.AccountId} was started without the account's limit.");
        if (input.Offset == 0)
        {
            await context.SetStreamSlotLimitAsync(input.AccountId, limit);
        }
        else if (await RereadLimitAsync(context, input.AccountId) is int current && current != limit)
        {
            limit = current;
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
        width = input.MaxLanes is int share ? Math.Min(width, share) : width;
        using var work = new LaneWork(ids);
        var stagger = new Stagger(TimeSpan.FromMilliseconds(settings.StaggerMs));
        var lanes = new Task[Math.Min(width, ids.Length)];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = RunLaneAsync(context, input, work, stagger, lanes.Length, record =>
            {
                tally = record(tally);
                context.SetCustomStatus(ProgressStatus.Of("checking", tally.Done, covered, context.CurrentUtcDateTime - startedAt));
            });
        }

        await Task.WhenAll(lanes);

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

    /// <summary>
    /// The account's limit between two pages, when the provider said (a fallback would replace what the check's first
    /// read found with a guess). Between pages the part holds no slot, so what
    /// active_cons shows beyond MediaSync's viewers is held elsewhere. When that is every connection the part still keeps
    /// one: the panel may not have closed the connection of the page's last probe yet, and a refused probe is tried
    /// again and then counted against the account, not the stream.
    /// </summary>
    private static async Task<int?> RereadLimitAsync(TaskOrchestrationContext context, string accountId)
    {
        try
        {
            AccountLimit read = await context.CallActivityAsync<AccountLimit>(GetAccountLimitActivity.Name, accountId);
            return read.Guessed ? null : read.Unavailable is null ? read.Value : 1;
        }
        catch (TaskFailedException)
        {
            // The source is gone from configuration; the probes will say so. The limit the part has stays.
            return null;
        }
    }

    /// <summary>
    /// One lane: takes a slot and probes stream after stream of the page under it (renewing it when it aged), so
    /// consecutive checks of the account pay no release/acquire round trips; gives the slot back when the page is done.
    /// A lease found gone sends its stream back to the front and the lane acquires again.
    /// </summary>
    private static async Task RunLaneAsync(TaskOrchestrationContext context, AccountCheckInput input, LaneWork work, Stagger stagger, int lanes, Action<Func<CheckTally, CheckTally>> record)
    {
        CheckSettings settings = input.Settings;
        var slotOptions = new StreamSlotOptions
        {
            Ttl = TimeSpan.FromMilliseconds(settings.SlotTtlMs),
            WaitTimeout = settings.SlotWaitTimeoutMs is int wait ? TimeSpan.FromMilliseconds(wait) : null,
        };
        while (work.HasMore)
        {
            DateTime? requested = context.CurrentUtcDateTime;
            StreamSlot slot;
            try
            {
                // The account with the most probes per connection still to do sets the length of the whole check: its
                // lanes go first in the global line, so it is not left to run alone at the end.
                int perLane = (work.Count + lanes - 1) / lanes;
                slot = await context.AcquireStreamSlotAsync(input.AccountId, slotOptions with { GlobalPriority = perLane }, work.Drained);
            }
            catch (OperationCanceledException)
            {
                // The other lanes took the rest of the page while this one waited: it gave its place in line back.
                continue;
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or TaskFailedException)
            {
                if (work.TryTake(out _))
                {
                    record(t => t with { NoSlot = t.NoSlot + 1 });
                }

                continue;
            }

            await using (slot)
            {
                while (work.TryTake(BatchSize(settings, work, lanes), out IReadOnlyList<string>? batch))
                {
                    await stagger.WaitTurnAsync(context);

                    // A lease ages while the lane queues for the global slot, waits out the stagger or probes: renew it
                    // before opening another connection, and start over with a new slot if it is already gone.
                    if (slot.ExpiresAt.UtcDateTime - context.CurrentUtcDateTime < slotOptions.Ttl * 2 / 3 && !await slot.RenewAsync())
                    {
                        Retry(work, batch, record);
                        break;
                    }

                    // Only the lane's first batch waited for the slot; the later ones found it held.
                    int? waitedMs = requested is DateTime asked ? (int)(context.CurrentUtcDateTime - asked).TotalMilliseconds : null;
                    requested = null;
                    IReadOnlyList<ProbeOutcome> outcomes;
                    try
                    {
                        outcomes = await ProbeWhileRenewingAsync(context, slot, new ProbeStreamInput(input.AccountId, batch, input.CheckId, slot.LeaseId, waitedMs), slotOptions.Ttl);
                    }
                    catch (TaskFailedException)
                    {
                        record(t => t with { Failed = t.Failed + batch.Count });
                        continue;
                    }

                    var lost = new List<string>();
                    var deferred = new List<string>();
                    for (int i = 0; i < batch.Count; i++)
                    {
                        ProbeOutcome outcome = i < outcomes.Count ? outcomes[i] : ProbeOutcome.NotProbed;
                        if (outcome.IsSlotLost)
                        {
                            lost.Add(batch[i]);
                        }
                        else if (outcome.IsDeferred)
                        {
                            deferred.Add(batch[i]);
                        }
                        else
                        {
                            record(t => t.WithProbe(outcome.Status));
                        }
                    }

                    // The activity's time ran out before these: the lane probes them next under the slot it holds.
                    work.PutBack(deferred);

                    if (lost.Count > 0)
                    {
                        Retry(work, lost, record);
                        break;
                    }
                }
            }

            work.ReleaseWaitersIfDrained();
        }
    }

    /// <summary>
    /// How many streams the lane probes in its next activity: one per activity when starts are staggered; otherwise its
    /// even share of what is left (at most the batch size), so the page's last probes spread over every lane instead of
    /// queueing behind one long batch.
    /// </summary>
    private static int BatchSize(CheckSettings settings, LaneWork work, int lanes) =>
        settings.StaggerMs > 0 ? 1 : Math.Clamp((work.Count + lanes - 1) / lanes, 1, Math.Max(1, settings.ProbeBatchSize));

    /// <summary>Puts streams whose probe did not run back for another slot, or counts them lost once they used up their retries.</summary>
    private static void Retry(LaneWork work, IReadOnlyList<string> streamIds, Action<Func<CheckTally, CheckTally>> record)
    {
        // Pushed in reverse so the batch comes back in its order.
        for (int i = streamIds.Count - 1; i >= 0; i--)
        {
            if (!work.Retry(streamIds[i]))
            {
                record(t => t.WithProbe(ProbeOutcome.SlotLost));
            }
        }
    }

    /// <summary>Runs the probes; while they run, renews the lease a third of the TTL before it would expire.</summary>
    /// <remarks>
    /// Each probe ends before the lease it saw expires, and the activity reads the lease again when a probe might not fit:
    /// renewing keeps the slot held for the probes still to come, and a failed renewal makes them find the lease gone and
    /// come back unprobed.
    /// </remarks>
    private static Task<IReadOnlyList<ProbeOutcome>> ProbeWhileRenewingAsync(TaskOrchestrationContext context, StreamSlot slot, ProbeStreamInput probeInput, TimeSpan ttl) =>
        LeaseRenewal.WhileRenewingAsync(
            context,
            context.CallActivityAsync<IReadOnlyList<ProbeOutcome>>(ProbeStreamActivity.Name, probeInput),
            () => LeaseRenewal.RenewAt(slot.ExpiresAt, ttl),
            () => slot.RenewAsync());

    /// <summary>
    /// The streams of a page shared by the lanes (orchestration code runs one continuation at a time); a retried stream
    /// goes first. Lanes still waiting for a slot when the others have taken the whole page stop waiting, so they neither
    /// hold an account slot a viewer could use nor take a global slot only to hand it on.
    /// </summary>
    private sealed class LaneWork(IEnumerable<string> streamIds) : IDisposable
    {
        private readonly Queue<string> pending = new(streamIds);
        private readonly Stack<string> retries = new();
        private readonly Dictionary<string, int> attempts = new(StringComparer.Ordinal);
        private CancellationTokenSource drained = new();

        /// <summary>Cancelled when the page runs out while a lane waits for its slot.</summary>
        public CancellationToken Drained
        {
            get
            {
                if (drained.IsCancellationRequested)
                {
                    // A retry put streams back after the last drain: lanes waiting from now on wait for real.
                    drained.Dispose();
                    drained = new CancellationTokenSource();
                }

                return drained.Token;
            }
        }

        public void ReleaseWaitersIfDrained()
        {
            if (!HasMore)
            {
                drained.Cancel(); // not CancelAsync: its callbacks run on the thread pool, outside the orchestration
            }
        }

        public void Dispose() => drained.Dispose();

        public bool HasMore => Count > 0;

        public int Count => pending.Count + retries.Count;

        public bool TryTake([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? streamId) =>
            retries.TryPop(out streamId) || pending.TryDequeue(out streamId);

        /// <summary>Takes up to <paramref name="count"/> streams, retried ones first.</summary>
        public bool TryTake(int count, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IReadOnlyList<string>? streamIds)
        {
            var taken = new List<string>(count);
            while (taken.Count < count && TryTake(out string? streamId))
            {
                taken.Add(streamId);
            }

            streamIds = taken.Count > 0 ? taken : null;
            return streamIds is not null;
        }

        /// <summary>Puts streams back at the front, in their order, without counting a retry.</summary>
        public void PutBack(List<string> streamIds)
        {
            for (int i = streamIds.Count - 1; i >= 0; i--)
            {
                retries.Push(streamIds[i]);
            }
        }

        /// <summary>Puts a stream back for another lane turn; false when it used up its retries.</summary>
        public bool Retry(string streamId)
        {
            int tried = attempts.GetValueOrDefault(streamId) + 1;
            attempts[streamId] = tried;
            if (tried > MaxSlotLostRetries)
            {
                return false;
            }

            retries.Push(streamId);
            return true;
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
