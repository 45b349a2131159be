namespace MediaSync.Functions.Sync.Tv;

/// <summary>
/// Input of <see cref="TvSyncShowActivity"/>: one show (ids only); <c>FirstSync</c>: the source never completed a run, so
/// its rows are expected to be new (no stored hashes read).
/// </summary>
internal sealed record TvShowWork(string SourceId, string RunId, string ShowId, bool FirstSync = false);
