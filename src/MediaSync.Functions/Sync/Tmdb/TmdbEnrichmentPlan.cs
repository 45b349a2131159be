namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>The candidate pages of an enrichment: their store tokens, how many titles, and the width of the fan-out.</summary>
internal sealed record TmdbEnrichmentPlan(IReadOnlyList<string?> PageTokens, int PageSize, int Titles, int Concurrency);
