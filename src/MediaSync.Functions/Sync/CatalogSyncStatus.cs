namespace MediaSync.Functions.Sync;

/// <summary>How a catalog sync orchestration ended (its output's <c>status</c>; the runtime status is Completed in every case).</summary>
internal static class CatalogSyncStatus
{
    /// <summary>Every unit stored; a full run was followed by the sweep.</summary>
    public const string Completed = "Completed";

    /// <summary>Some units failed (listed); the run is recorded as Failed in SyncRuns, so no sweep ran and resume retries them.</summary>
    public const string CompletedWithFailures = "CompletedWithFailures";

    /// <summary>Stopped on request after the units in flight finished; the run is recorded as Canceled and can be resumed.</summary>
    public const string Canceled = "Canceled";
}
