namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>
/// The candidates of an enrichment: what the plan enriched itself (a single page), the store tokens of the pages left
/// to enrich, how many titles in all, and the width of the fan-out.
/// </summary>
internal sealed record TmdbEnrichmentPlan(TmdbEnrichmentResult Enriched, IReadOnlyList<string?> PageTokens, int PageSize, int Titles, int Concurrency);
