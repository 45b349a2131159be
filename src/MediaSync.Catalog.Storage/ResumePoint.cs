namespace MediaSync.Catalog.Storage;

/// <summary>The last unfinished run of a source and the units it already completed.</summary>
/// <param name="Run">The run to continue (with the same run id, so its run marks stay valid for the sweep).</param>
/// <param name="CompletedUnits">Completed unit keys (e.g. <c>vod/12</c>) and their counts.</param>
public sealed record ResumePoint(SyncRun Run, IReadOnlyDictionary<string, UnitCounts> CompletedUnits);
