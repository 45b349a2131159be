namespace MediaSync.Functions.Sync.Tv;

/// <summary>Input of <see cref="TvSyncPageActivity"/>: one page of the bulk listing (ids and numbers only).</summary>
internal sealed record TvPageWork(string SourceId, string RunId, string LibraryId, int Page, int PageSize, DateTimeOffset? Since);
