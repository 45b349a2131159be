namespace MediaSync.Functions.Sync.Tmdb;
internal sealed record TmdbEnrichmentInput(string SourceId, string RunId);
internal sealed record TmdbEnrichmentResult(int Titles, int Fetched, int Cached, int Failed)
{
    /// <summary>Nothing enriched yet.</summary>
    public static TmdbEnrichmentResult None { get; } = new(0, 0, 0, 0);
}
