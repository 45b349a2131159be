using MediaSync.Durable;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>Reads one page of candidate titles from the store and enriches it (see <see cref="TmdbPageEnricher"/>).</summary>
internal sealed class TmdbEnrichPageActivity(TmdbCandidates candidates, TmdbPageEnricher enricher) : TaskActivity<TmdbPageWork, TmdbEnrichmentResult>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "TmdbEnrichPage";

    /// <inheritdoc />
    public override async Task<TmdbEnrichmentResult> RunAsync(TaskActivityContext context, TmdbPageWork input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<TmdbTitle> titles = await candidates.ReadPageAsync(input.SourceId, input.RunId, input.Token, input.PageSize, context.CancellationToken).ConfigureAwait(false);
        return await enricher.EnrichAsync(input.SourceId, input.RunId, titles, context.CancellationToken).ConfigureAwait(false);
    }
}
