namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>Input of <see cref="TmdbEnrichPageActivity"/>: where the page of candidates starts (a store token, never titles).</summary>
internal sealed record TmdbPageWork(string SourceId, string RunId, string? Token, int PageSize);
