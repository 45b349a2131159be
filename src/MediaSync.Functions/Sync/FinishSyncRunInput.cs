using MediaSync.Catalog.Storage;

namespace MediaSync.Functions.Sync;

/// <summary>How a run ended.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="RunId">The run.</param>
/// <param name="Status">Completed, Canceled or Failed.</param>
/// <param name="Error">Why it failed (free of secrets: unit keys and counts only).</param>
internal sealed record FinishSyncRunInput(string SourceId, string RunId, SyncRunStatus Status, string? Error);
