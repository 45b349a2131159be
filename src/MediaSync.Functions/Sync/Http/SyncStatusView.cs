using System.Text.Json;
using MediaSync.Catalog.Storage;

namespace MediaSync.Functions.Sync.Http;

/// <summary>The answer of <c>GET /api/sync/{sourceId}</c>: the sync instance, its (or its running child's) progress and the last runs.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="Kind">The source kind.</param>
/// <param name="InstanceId">The sync's instance id.</param>
/// <param name="RuntimeStatus">The instance's runtime status, or null when it never ran.</param>
/// <param name="CreatedTime">When the instance was started.</param>
/// <param name="LastUpdatedTime">When it last changed.</param>
/// <param name="ProgressInstanceId">Whose progress <paramref name="Progress"/> is: the parent, or the child that is running (TV sync, TMDb enrichment).</param>
/// <param name="Progress">The custom status <c>{phase, done, total, perSecond, etaSeconds}</c>.</param>
/// <param name="Output">The finished sync's output (status, counts, failed units).</param>
/// <param name="Failure">The failure message when the orchestration failed.</param>
/// <param name="LastRuns">The latest SyncRuns rows, newest first.</param>
internal sealed record SyncStatusView(
    string SourceId,
    string Kind,
    string InstanceId,
    string? RuntimeStatus,
    DateTimeOffset? CreatedTime,
    DateTimeOffset? LastUpdatedTime,
    string? ProgressInstanceId,
    JsonElement? Progress,
    JsonElement? Output,
    string? Failure,
    IReadOnlyList<SyncRun> LastRuns);
