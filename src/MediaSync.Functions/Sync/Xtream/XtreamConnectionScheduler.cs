using MediaSync.Catalog.Model;
using MediaSync.Durable;

// IMPORTANT: orchestrator code; awaits must resume on the replay thread (no ConfigureAwait(false)).
#pragma warning disable CA2007

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>
/// Runs the Xtream kinds' activities out of one pool of the account's connections: at most
/// <c>kindConcurrency</c> kinds at once (in <see cref="XtreamKinds.SyncOrder"/>), and every connection a kind
/// leaves idle (its last units draining, the kind finished) goes to the units of the other kinds at once.
/// </summary>
/// <remarks>
/// Why one pool instead of a fixed share per kind: series info is most of an Xtream sync's calls (one per series),
/// and with fixed shares the series kind kept the share of one lane after live and vod were done, leaving the
/// rest of the account's connections idle for most of the run. Each activity holds the connections it was granted
/// (and those lent to it once nothing was left to start) until it completes, so the sum in flight never exceeds the
/// budget, whichever host runs the activities.
/// Deterministic: completions are taken in history order and everything else is orchestrator state.
/// </remarks>
internal sealed class XtreamConnectionScheduler(
    TaskOrchestrationContext context, string sourceId, string runId, int budget, int kindConcurrency, Task cancel, SyncProgress progress)
{
    private readonly Queue<CatalogKind> waitingKinds = new(XtreamKinds.SyncOrder);
    private readonly List<KindRun> activeKinds = [];
    private readonly Dictionary<Task, Grant> running = [];
    private int inUse;
    private int started;

    public async Task RunAsync()
    {
        while (true)
        {
            if (!cancel.IsCompleted)
            {
                StartKinds();
                StartUnits();
            }

            if (running.Count == 0)
            {
                break;
            }

            Task done = await Task.WhenAny(running.Keys);
            Grant grant = running[done];
            running.Remove(done);
            inUse -= grant.Connections + grant.Lent;
            Complete(done, grant);
            if (grant.Lent > 0)
            {
                await context.Entities.SignalEntityAsync(XtreamConnectionLoans.For(sourceId), nameof(XtreamConnectionLoans.Settle), grant.LoanToken!);
            }

            await LendIdleConnectionsAsync();
        }
    }

    private void StartKinds()
    {
        while (activeKinds.Count < kindConcurrency && inUse < budget && waitingKinds.TryDequeue(out CatalogKind kind))
        {
            var run = new KindRun(kind);
            activeKinds.Add(run);
            progress.Enter(XtreamKinds.Name(kind));
            Task<XtreamCategoryList> list = context.CallActivityAsync<XtreamCategoryList>(
                XtreamCategoriesActivity.Name, new XtreamKindInput(sourceId, runId, kind), SyncRetry.Unit);
            Start(list, new Grant(run, null, 1, null));
        }
    }

    private void StartUnits()
    {
        // Kinds in sync order: live's units go out before vod's, so live is complete first and series (which waits for
        // a kind to finish) starts sooner. Series still gets its share while the list kinds have units left: see MayStartUnit.
        foreach (KindRun kind in activeKinds)
        {
            while (inUse < budget && kind.Pending.TryPeek(out string? categoryId) && MayStartUnit(kind))
            {
                kind.Pending.Dequeue();
                bool series = kind.Kind == CatalogKind.Series;
                int connections = series ? SeriesConnections() : 1;

                // IMPORTANT: from the orchestration's deterministic GUIDs, so a replay schedules the unit with the same token.
                string? loanToken = series ? context.NewGuid().ToString("N") : null;
                var input = new XtreamUnitInput(sourceId, runId, kind.Kind, categoryId, connections, loanToken);
                Task<UnitOutcome> unit = context.CallActivityAsync<UnitOutcome>(XtreamCategoryActivity.Name, input, SyncRetry.Unit);
                Start(unit, new Grant(kind, categoryId, connections, loanToken));
            }
        }
    }

    /// <summary>
    /// Once nothing is left to start, lends the idle connections to the series unit started last (the one with the most
    /// left to do): without the loan they would stay idle while it ran on with its share. The loan counts as the unit's
    /// until it completes, so the sum in flight stays within the budget; the unit takes it up when it next reads its
    /// loan (<see cref="XtreamConnectionLoans"/>).
    /// </summary>
    private async Task LendIdleConnectionsAsync()
    {
        if (cancel.IsCompleted || inUse >= budget || PendingUnits > 0)
        {
            return;
        }

        Grant? borrower = running.Values.Where(g => g.LoanToken is not null).MaxBy(g => g.Sequence);
        if (borrower is null)
        {
            return;
        }

        int extra = budget - inUse;
        borrower.Lent += extra;
        inUse += extra;
        await context.Entities.SignalEntityAsync(XtreamConnectionLoans.For(sourceId), nameof(XtreamConnectionLoans.Lend), new ConnectionLoan(borrower.LoanToken!, borrower.Lent));
    }

    /// <summary>
    /// A live or vod unit holds its connection mostly while its rows are written (storage, not the network, bounds it:
    /// the benchmark's vod units kept theirs busy a third of the time), while a series unit keeps its connections busy
    /// with series info calls. So while series units wait for connections, the list kinds together hold a quarter of
    /// them (at least one): they finish a little later, and series info, the bulk of an Xtream sync's calls, gets the rest.
    /// </summary>
    private bool MayStartUnit(KindRun kind)
    {
        if (kind.Kind == CatalogKind.Series || !activeKinds.Exists(k => k.Kind == CatalogKind.Series && k.Pending.Count > 0))
        {
            return true;
        }

        int listing = activeKinds.Where(k => k.Kind != CatalogKind.Series).Sum(k => k.Running);
        return listing < Math.Max(1, budget / 4);
    }

    /// <summary>
    /// A series unit spends its connections on series info calls. It gets up to half the budget, so a category's
    /// series go out two units at a time rather than one per connection: units finish sooner. The last units of the run
    /// share whatever is free, and once nothing is left to start the connections of those done are lent to the last
    /// one (<see cref="LendIdleConnectionsAsync"/>).
    /// </summary>
    private int SeriesConnections()
    {
        int free = budget - inUse;
        int share = Math.Min(free, Math.Max(1, budget / 2));
        return Math.Clamp(Math.Max(share, free / (PendingUnits + 1)), 1, free);
    }

    /// <summary>Units not started yet, counting a kind not yet started or listed as one.</summary>
    private int PendingUnits => waitingKinds.Count + activeKinds.Sum(k => k.Pending.Count + (k.Listed ? 0 : 1));

    private void Start(Task task, Grant grant)
    {
        grant.Sequence = ++started;
        running.Add(task, grant);
        grant.Kind.Running++;
        inUse += grant.Connections;
    }

    private void Complete(Task done, Grant grant)
    {
        KindRun kind = grant.Kind;
        kind.Running--;
        if (grant.CategoryId is null)
        {
            kind.Listed = true;
            if (TryGetResult(done, out XtreamCategoryList? categories))
            {
                progress.AddUnits(categories.Total, categories.Total - categories.Pending.Count);
                foreach (string id in categories.Pending)
                {
                    kind.Pending.Enqueue(id);
                }
            }
            else
            {
                // The kind's category list could not be read or stored: its units stay undone, resume retries them.
                progress.RecordFailure(XtreamKinds.UnitKey(kind.Kind, "*"));
            }
        }
        else if (TryGetResult(done, out UnitOutcome? outcome))
        {
            progress.Record(outcome);
        }
        else
        {
            progress.RecordFailure(XtreamKinds.UnitKey(kind.Kind, grant.CategoryId));
        }

        if (kind.Listed && kind.Running == 0 && (kind.Pending.Count == 0 || cancel.IsCompleted))
        {
            activeKinds.Remove(kind);
            progress.Leave(XtreamKinds.Name(kind.Kind));
        }
    }

    private static bool TryGetResult<T>(Task done, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? result)
        where T : class
    {
        if (done.IsCompletedSuccessfully)
        {
            result = ((Task<T>)done).Result;
            return true;
        }

        if (done.Exception?.InnerException is TaskFailedException)
        {
            result = null;
            return false;
        }

        // Anything else is not an activity failure: let the orchestration fail with it.
        done.GetAwaiter().GetResult();
        result = null;
        return false;
    }

    private sealed class KindRun(CatalogKind kind)
    {
        public CatalogKind Kind { get; } = kind;

        public Queue<string> Pending { get; } = new();

        public bool Listed { get; set; }

        public int Running { get; set; }
    }

    /// <summary>An activity in flight and the connections counted as its: those it started with and those lent to it since.</summary>
    private sealed class Grant(KindRun kind, string? categoryId, int connections, string? loanToken)
    {
        public KindRun Kind { get; } = kind;

        public string? CategoryId { get; } = categoryId;

        public int Connections { get; } = connections;

        public string? LoanToken { get; } = loanToken;

        public int Lent { get; set; }

        /// <summary>The order it started in.</summary>
        public int Sequence { get; set; }
    }
}
