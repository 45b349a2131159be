using MediaSync.Catalog.Storage;
namespace MediaSync.Functions.Sync.Tv;
internal sealed record TvSyncInput(string SourceId, SyncMode Mode, string RunId, string? ResumeRunId);
internal sealed record TvSyncResult(int Units, int Written, int Skipped, int Failed, bool Canceled, IReadOnlyList<string> FailedUnits);
