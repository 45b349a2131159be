namespace MediaSync.Functions.Sync.Tv;

/// <summary>A page of a library's bulk episode listing (0-based).</summary>
internal sealed record TvPageRef(string LibraryId, int Page);
