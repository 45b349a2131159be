namespace MediaSync.Functions.Sync.Tv;

/// <summary>
/// Input of <see cref="TvSyncPageActivity"/>: one page of the bulk listing (ids and numbers only); <c>FirstSync</c>: the
/// source never completed a run, so its rows are expected to be new (no stored hashes read).
/// </summary>
internal sealed record TvPageWork(string SourceId, string RunId, string LibraryId, int Page, int PageSize, DateTimeOffset? Since, bool FirstSync = false);
