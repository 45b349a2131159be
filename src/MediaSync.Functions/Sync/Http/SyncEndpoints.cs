using MediaSync.Catalog.Storage;
using MediaSync.Durable;
using MediaSync.Functions.Sources;
using MediaSync.Hosting.Durable;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Sync.Http;

/// <summary>
/// <c>POST /api/sync/{sourceId}?mode=full|incremental&amp;resume=true</c>, <c>GET /api/sync/{sourceId}</c> and
/// <c>POST /api/sync/{sourceId}/cancel</c> (function key): start, watch and cancel a source's catalog sync.
/// </summary>
internal static class SyncEndpoints
{
    public const string StartFunctionName = "StartSync";
    public const string StatusFunctionName = "GetSyncStatus";
    public const string CancelFunctionName = "CancelSync";

    /// <summary>How many SyncRuns rows the status shows.</summary>
    internal const int LastRunCount = 5;

    /// <summary>202 + management links, 409 + the running instance's links, 404 for an unknown source, 400 for a bad mode.</summary>
    public static async Task<IResult> StartAsync(
        HttpRequest request, string sourceId, string? mode, bool? resume, SourceDirectory sources, SyncStarter starter, CancellationToken cancellationToken)
    {
        if (!sources.TryGet(sourceId, out ConfiguredSource? source))
        {
            return UnknownSource(sourceId);
        }

        SyncMode syncMode;
        if (string.IsNullOrEmpty(mode))
        {
            syncMode = SyncMode.Full;
        }
        else if (!Enum.TryParse(mode, ignoreCase: true, out syncMode) || !Enum.IsDefined(syncMode) || char.IsDigit(mode[0]))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid query parameter.", detail: $"'mode' must be 'full' or 'incremental' (was '{mode}').");
        }

        SyncStartOutcome outcome = await starter.StartAsync(source.Id, syncMode, resume ?? false, "http", cancellationToken).ConfigureAwait(false);
        return outcome.Started
            ? DurableHttp.CreateCheckStatusResponse(request, outcome.InstanceId)
            : DurableHttp.CreateConflictResponse(request, outcome.InstanceId, outcome.RunningStatus);
    }

    /// <summary>The sync's status with progress (a running child's progress while it runs) and the last runs.</summary>
    public static async Task<IResult> StatusAsync(
        string sourceId, SourceDirectory sources, DurableTaskClient client, CatalogStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!sources.TryGet(sourceId, out ConfiguredSource? source))
        {
            return UnknownSource(sourceId);
        }

        string instanceId = SyncInstanceIds.Parent(source.Id);
        OrchestrationMetadata? parent = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        OrchestrationMetadata? progressOf = parent;
        if (parent is { IsRunning: true })
        {
            foreach (string childId in new[] { SyncInstanceIds.Tv(source.Id), SyncInstanceIds.Tmdb(source.Id) })
            {
                OrchestrationMetadata? child = await client.GetInstanceAsync(childId, cancellation: cancellationToken).ConfigureAwait(false);
                if (child is { IsRunning: true } && child.CreatedAt >= parent.CreatedAt && child.SerializedCustomStatus is not null)
                {
                    progressOf = child;
                    break;
                }
            }
        }

        IReadOnlyList<SyncRun> runs = await store.Checkpoints.GetRecentRunsAsync(source.Id, LastRunCount, cancellationToken).ConfigureAwait(false);
        response.Headers.CacheControl = "no-store";
        var view = new SyncStatusView(
            source.Id,
            source.Kind.ToString().ToLowerInvariant(),
            instanceId,
            parent?.RuntimeStatus.ToString(),
            parent?.CreatedAt,
            parent?.LastUpdatedAt,
            progressOf?.InstanceId,
            SyncJson.Parse(progressOf?.SerializedCustomStatus),
            parent is { IsRunning: false } ? SyncJson.Parse(parent.SerializedOutput) : null,
            parent?.FailureDetails?.ErrorMessage,
            runs);
        return TypedResults.Json(view, SyncJson.Options);
    }

    /// <summary>Raises "cancel" on the sync and its running children: 202 + links, 409 when no sync runs, 404 for an unknown source.</summary>
    public static async Task<IResult> CancelAsync(
        HttpRequest request, string sourceId, SourceDirectory sources, DurableTaskClient client, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (!sources.TryGet(sourceId, out ConfiguredSource? source))
        {
            return UnknownSource(sourceId);
        }

        string instanceId = SyncInstanceIds.Parent(source.Id);
        OrchestrationMetadata? parent = await client.GetInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false);
        if (parent is not { IsRunning: true })
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "No sync is running.",
                detail: parent is null ? $"Source '{source.Id}' has no sync instance." : $"Instance '{instanceId}' is {parent.RuntimeStatus}.");
        }

        // The parent passes the cancel on to a child it is waiting for; raising it on a running child directly as
        // well makes the child stop within its current wave even before the parent's next turn.
        foreach (string id in SyncInstanceIds.All(source.Id))
        {
            OrchestrationMetadata? instance = id == instanceId ? parent : await client.GetInstanceAsync(id, cancellation: cancellationToken).ConfigureAwait(false);
            if (instance is { IsRunning: true })
            {
                await client.RaiseEventAsync(id, SyncInstanceIds.CancelEvent, null, cancellationToken).ConfigureAwait(false);
            }
        }

        Log.SyncCancelRequested(loggerFactory.CreateLogger(typeof(SyncEndpoints).FullName!), instanceId);
        return DurableHttp.CreateCheckStatusResponse(request, instanceId);
    }

    internal static IResult UnknownSource(string sourceId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown source.",
        detail: $"No enabled source '{sourceId}' is configured (Sources:{sourceId}:Kind …).");
}
