namespace MediaSync.Functions.Sync;

/// <summary>The complete full run whose unseen rows the sweep deletes.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="RunId">The run (recorded as a completed full run, or the store refuses).</param>
internal sealed record SweepCatalogInput(string SourceId, string RunId);
