namespace MediaSync.Catalog.Storage;

/// <summary>A sync run of one source, as recorded in the SyncRuns table.</summary>
/// <param name="SourceId">The source id.</param>
/// <param name="RunId">The run id; ids sort newest first.</param>
/// <param name="Mode">Full or incremental.</param>
/// <param name="Status">Where the run stands.</param>
/// <param name="StartedAt">When the run was first started.</param>
/// <param name="FinishedAt">When it last finished (completed, canceled or failed).</param>
/// <param name="Attempts">1, plus one per resume.</param>
/// <param name="Totals">The sums of the completed units' counts (set when the run finishes).</param>
/// <param name="Error">Why the run failed, as the caller (redacted) described it.</param>
public sealed record SyncRun(
    string SourceId,
    string RunId,
    SyncMode Mode,
    SyncRunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempts,
    UnitCounts Totals,
    string? Error);
