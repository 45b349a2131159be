using MediaSync.Durable;
using MediaSync.Functions.Progress;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>
/// Enriches the titles a run wrote or changed with TMDb watch providers: a plan activity finds the candidate pages
/// in the store (tokens only) and enriches a single page itself; several pages fan out bounded to page activities.
/// Titles are looked up in parallel under the rate gate, fresh ones served from the Providers cache. Instance
/// <c>sync-{sourceId}-tmdb</c>; the <see cref="CancelEvent"/> event stops scheduling pages. Failed titles are counted, never fail the orchestration.
/// </summary>
internal sealed class TmdbEnrichmentOrchestrator : TaskOrchestrator<TmdbEnrichmentInput, TmdbEnrichmentResult>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "TmdbEnrichment";

    /// <summary>The external event that cancels the enrichment.</summary>
    public const string CancelEvent = "cancel";

    /// <summary>The instance id of a source's enrichment.</summary>
    public static string InstanceIdFor(string sourceId) => $"sync-{sourceId}-tmdb";

    /// <inheritdoc />
    public override async Task<TmdbEnrichmentResult> RunAsync(TaskOrchestrationContext context, TmdbEnrichmentInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        DateTime started = context.CurrentUtcDateTime;
        Task cancel = context.WaitForExternalEvent<object?>(CancelEvent);
        TmdbEnrichmentPlan plan = await context.CallActivityAsync<TmdbEnrichmentPlan>(TmdbEnrichmentPlanActivity.Name, input).ConfigureAwait(true);
        TmdbEnrichmentResult total = plan.Enriched;
        context.SetCustomStatus(ProgressStatus.Of("tmdb: enriching", total.Titles, plan.Titles, context.CurrentUtcDateTime - started));
        await context.WhenAllBoundedAsync(
            plan.PageTokens,
            plan.Concurrency,
            async token =>
            {
                TmdbEnrichmentResult page;
                try
                {
                    page = await context.CallActivityAsync<TmdbEnrichmentResult>(
                        TmdbEnrichPageActivity.Name, new TmdbPageWork(input.SourceId, input.RunId, token, plan.PageSize)).ConfigureAwait(true);
                }
                catch (TaskFailedException)
                {
                    // A page that could not be read at all (store down): its titles count as failed, the rest goes on.
                    page = new TmdbEnrichmentResult(0, 0, 0, Math.Min(plan.PageSize, Math.Max(0, plan.Titles - total.Titles)));
                }

                total = new TmdbEnrichmentResult(total.Titles + page.Titles, total.Fetched + page.Fetched, total.Cached + page.Cached, total.Failed + page.Failed);
                context.SetCustomStatus(ProgressStatus.Of("tmdb: enriching", total.Titles, plan.Titles, context.CurrentUtcDateTime - started));
                return page;
            },
            () => cancel.IsCompleted).ConfigureAwait(true);

        context.SetCustomStatus(ProgressStatus.Of(cancel.IsCompleted ? "tmdb: canceled" : "tmdb: done", total.Titles, plan.Titles, context.CurrentUtcDateTime - started));
        return total;
    }
}
