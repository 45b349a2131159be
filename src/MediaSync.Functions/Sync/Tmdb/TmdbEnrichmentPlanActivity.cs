using MediaSync.Durable;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>
/// Finds the pages of candidate titles of a run (tokens and a count only). When they fit in one page it enriches that
/// page itself: the titles then start without another orchestration turn and activity dispatch, which is most of the
/// run's fixed cost. With more pages it only plans, so all pages fan out at once under the rate gate.
/// </summary>
internal sealed class TmdbEnrichmentPlanActivity(TmdbCandidates candidates, TmdbPageEnricher enricher, IOptionsMonitor<TmdbEnrichmentOptions> options)
    : TaskActivity<TmdbEnrichmentInput, TmdbEnrichmentPlan>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "TmdbEnrichmentPlan";

    /// <inheritdoc />
    public override async Task<TmdbEnrichmentPlan> RunAsync(TaskActivityContext context, TmdbEnrichmentInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        TmdbEnrichmentOptions settings = options.CurrentValue;
        var pages = new List<TmdbCandidatePage>();
        await foreach (TmdbCandidatePage page in candidates.PagesAsync(input.SourceId, input.RunId, settings.PageSize, context.CancellationToken).ConfigureAwait(false))
        {
            pages.Add(page);
        }

        int titles = pages.Sum(p => p.Rows);
        if (pages.Count == 1)
        {
            TmdbEnrichmentResult enriched = await enricher.EnrichAsync(input.SourceId, input.RunId, pages[0].Titles, context.CancellationToken).ConfigureAwait(false);
            return new TmdbEnrichmentPlan(enriched, [], settings.PageSize, titles, settings.PageConcurrency);
        }

        return new TmdbEnrichmentPlan(TmdbEnrichmentResult.None, pages.ConvertAll(p => p.Token), settings.PageSize, titles, settings.PageConcurrency);
    }
}
