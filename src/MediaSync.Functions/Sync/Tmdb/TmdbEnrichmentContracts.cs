namespace MediaSync.Functions.Sync.Tmdb;
internal sealed record TmdbEnrichmentInput(string SourceId, string RunId);
internal sealed record TmdbEnrichmentResult(int Titles, int Fetched, int Cached, int Failed);
