using MediaSync.Durable;

// IMPORTANT: orchestrator code; awaits must resume on the replay thread (no ConfigureAwait(false)).
#pragma warning disable CA2007

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>
/// The Xtream part of <see cref="CatalogSyncOrchestrator"/>: account first, then live, vod and series, at most
/// <see cref="SyncRunStarted.XtreamKindConcurrency"/> kinds at once (live and vod first), their categories fanned out
/// from one pool of the account's connection budget (<see cref="XtreamConnectionScheduler"/>) — so the account never
/// sees more concurrent requests than it allows, whichever host runs the activities.
/// </summary>
internal static class XtreamSyncFlow
{
    public static async Task RunAsync(TaskOrchestrationContext context, string sourceId, SyncRunStarted run, Task cancel, SyncProgress progress)
    {
        progress.Enter("account");
        XtreamAccountSummary account = await context.CallActivityAsync<XtreamAccountSummary>(XtreamAccountActivity.Name, sourceId, SyncRetry.Unit);
        progress.Leave("account");

        int budget = Math.Max(1, account.ConnectionBudget);
        int kindConcurrency = Math.Clamp(Math.Min(run.XtreamKindConcurrency, budget), 1, XtreamKinds.SyncOrder.Count);
        await new XtreamConnectionScheduler(context, sourceId, run.RunId, budget, kindConcurrency, cancel, progress).RunAsync();
    }
}
