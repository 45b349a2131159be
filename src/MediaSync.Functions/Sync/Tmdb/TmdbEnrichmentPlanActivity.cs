using MediaSync.Durable;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>Finds the pages of candidate titles of a run (tokens and a count only).</summary>
internal sealed class TmdbEnrichmentPlanActivity(TmdbCandidates candidates, IOptionsMonitor<TmdbEnrichmentOptions> options)
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
        (IReadOnlyList<string?> tokens, int titles) = await candidates.PlanAsync(input.SourceId, input.RunId, settings.PageSize, context.CancellationToken).ConfigureAwait(false);
        return new TmdbEnrichmentPlan(tokens, settings.PageSize, titles, settings.PageConcurrency);
    }
}
