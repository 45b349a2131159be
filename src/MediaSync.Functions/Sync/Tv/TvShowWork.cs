namespace MediaSync.Functions.Sync.Tv;

/// <summary>Input of <see cref="TvSyncShowActivity"/>: one show (ids only).</summary>
internal sealed record TvShowWork(string SourceId, string RunId, string ShowId);
