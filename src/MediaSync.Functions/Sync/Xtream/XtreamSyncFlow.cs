using MediaSync.Catalog.Model;
using MediaSync.Durable;

// IMPORTANT: orchestrator code; awaits must resume on the replay thread (no ConfigureAwait(false)).
#pragma warning disable CA2007

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>
/// The Xtream part of <see cref="CatalogSyncOrchestrator"/>: account first, then live, vod and series in at most
/// <see cref="SyncRunStarted.XtreamKindConcurrency"/> lanes (live and vod first), each kind's categories fanned out
/// within the lane's share of the account's connection budget — so the account never sees more concurrent requests
/// than it allows, whichever host runs the activities.
/// </summary>
internal static class XtreamSyncFlow
{
    public static async Task RunAsync(TaskOrchestrationContext context, string sourceId, SyncRunStarted run, Task cancel, SyncProgress progress)
    {
        progress.Enter("account");
        XtreamAccountSummary account = await context.CallActivityAsync<XtreamAccountSummary>(XtreamAccountActivity.Name, sourceId, SyncRetry.Unit);
        progress.Leave("account");

        int budget = Math.Max(1, account.ConnectionBudget);
        int lanes = Math.Clamp(Math.Min(run.XtreamKindConcurrency, budget), 1, XtreamKinds.SyncOrder.Count);
        var kinds = new Queue<CatalogKind>(XtreamKinds.SyncOrder);
        var running = new List<Task>(lanes);
        for (int lane = 0; lane < lanes; lane++)
        {
            int share = (budget / lanes) + (lane < budget % lanes ? 1 : 0);
            running.Add(RunLaneAsync(context, sourceId, run.RunId, kinds, share, cancel, progress));
        }

        await Task.WhenAll(running);
    }

    private static async Task RunLaneAsync(
        TaskOrchestrationContext context, string sourceId, string runId, Queue<CatalogKind> kinds, int connections, Task cancel, SyncProgress progress)
    {
        // One orchestrator thread: the lanes take kinds from the shared queue in a deterministic order.
        while (!cancel.IsCompleted && kinds.TryDequeue(out CatalogKind kind))
        {
            string phase = XtreamKinds.Name(kind);
            progress.Enter(phase);
            try
            {
                await RunKindAsync(context, new XtreamKindInput(sourceId, runId, kind), connections, cancel, progress);
            }
            catch (TaskFailedException)
            {
                // The kind's category list could not be read or stored: its units stay undone, resume retries them.
                progress.RecordFailure(XtreamKinds.UnitKey(kind, "*"));
            }
            finally
            {
                progress.Leave(phase);
            }
        }
    }

    private static async Task RunKindAsync(TaskOrchestrationContext context, XtreamKindInput kind, int connections, Task cancel, SyncProgress progress)
    {
        XtreamCategoryList categories = await context.CallActivityAsync<XtreamCategoryList>(XtreamCategoriesActivity.Name, kind, SyncRetry.Unit);
        progress.AddUnits(categories.Total, categories.Total - categories.Pending.Count);
        if (categories.Pending.Count == 0)
        {
            return;
        }

        // Each list call holds one connection; series units then spend their share on series info calls.
        int width = Math.Clamp(categories.Pending.Count, 1, connections);
        int perUnit = kind.Kind == CatalogKind.Series ? Math.Max(1, connections / width) : 1;
        await context.WhenAllBoundedAsync(
            categories.Pending,
            width,
            async categoryId =>
            {
                var input = new XtreamUnitInput(kind.SourceId, kind.RunId, kind.Kind, categoryId, perUnit);
                UnitOutcome outcome;
                try
                {
                    outcome = await context.CallActivityAsync<UnitOutcome>(XtreamCategoryActivity.Name, input, SyncRetry.Unit);
                }
                catch (TaskFailedException)
                {
                    progress.RecordFailure(XtreamKinds.UnitKey(kind.Kind, categoryId));
                    throw;
                }

                progress.Record(outcome);
                return outcome;
            },
            stopScheduling: () => cancel.IsCompleted);
    }
}
