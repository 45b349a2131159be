using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// Sync runs and their unit checkpoints in the SyncRuns table. PartitionKey is the source id; a run is
/// the row <c>{runId}</c> and each completed unit the row <c>{runId}|{unitKey}</c>, so one range scan
/// lists a run's units. Run ids start with inverted ticks, so the newest run sorts first.
/// </summary>
public sealed class SyncCheckpointStore
{
    private const string KindProperty = "Kind";
    private const string RunKind = "run";
    private const string UnitKind = "unit";
    private const char UnitSeparator = '|';
    private const int MaxErrorLength = 1000;

    private readonly CatalogTableClients tables;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    internal SyncCheckpointStore(CatalogTableClients tables, TimeProvider timeProvider, ILogger<SyncCheckpointStore> logger)
    {
        this.tables = tables;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Records a new run as <see cref="SyncRunStatus.Running"/>.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="mode">Full or incremental.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new run.</returns>
    public async Task<SyncRun> StartRunAsync(string sourceId, SyncMode mode, CancellationToken cancellationToken = default)
    {
        string pk = CatalogKeys.CheckSourceId(sourceId);
        var now = timeProvider.GetUtcNow();
        string runId = string.Create(
            CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}")[..28];
        var run = new SyncRun(sourceId, runId, mode, SyncRunStatus.Running, now, null, 1, UnitCounts.None, null);
        var table = await tables.GetAsync(CatalogTable.SyncRuns, cancellationToken).ConfigureAwait(false);
        await table.AddEntityAsync(ToEntity(pk, run), cancellationToken).ConfigureAwait(false);
        Log.RunStatusChanged(logger, sourceId, runId, nameof(SyncRunStatus.Running));
        return run;
    }

    /// <summary>Marks an unfinished run as running again and counts the attempt.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="runId">The run to resume.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The resumed run.</returns>
    /// <exception cref="InvalidOperationException">The run does not exist or already completed.</exception>
    public async Task<SyncRun> ResumeRunAsync(string sourceId, string runId, CancellationToken cancellationToken = default)
    {
        var run = await GetRunAsync(sourceId, runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run '{runId}' of source '{sourceId}' is not recorded.");
        if (run.Status == SyncRunStatus.Completed)
        {
            throw new InvalidOperationException($"Run '{runId}' of source '{sourceId}' already completed; start a new run.");
        }

        run = run with { Status = SyncRunStatus.Running, Attempts = run.Attempts + 1, Error = null };
        await UpsertAsync(run, cancellationToken).ConfigureAwait(false);
        Log.RunStatusChanged(logger, sourceId, runId, "Running (resumed)");
        return run;
    }

    /// <summary>Records that a unit of a run completed; recording it again overwrites the counts.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="unitKey">The unit, e.g. <c>vod/12</c> or <c>series/4711</c>.</param>
    /// <param name="counts">The unit's row counts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the checkpoint is stored.</returns>
    public async Task RecordUnitCompletedAsync(string sourceId, string runId, string unitKey, UnitCounts counts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(unitKey);
        ArgumentNullException.ThrowIfNull(counts);
        var entity = new TableEntity(CatalogKeys.CheckSourceId(sourceId), UnitRowKey(runId, unitKey))
        {
            [KindProperty] = UnitKind,
            ["RunId"] = runId,
            ["UnitKey"] = unitKey,
            ["Written"] = counts.Written,
            ["Skipped"] = counts.Skipped,
            ["Failed"] = counts.Failed,
            ["CompletedAt"] = timeProvider.GetUtcNow(),
        };
        var table = await tables.GetAsync(CatalogTable.SyncRuns, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finishes a run: completed, canceled or failed, with the totals of its completed units.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="status">Completed, Canceled or Failed.</param>
    /// <param name="error">Why it failed; must already be free of secrets. Kept to 1,000 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The finished run.</returns>
    public async Task<SyncRun> FinishRunAsync(
        string sourceId, string runId, SyncRunStatus status, string? error = null, CancellationToken cancellationToken = default)
    {
        if (status == SyncRunStatus.Running)
        {
            throw new ArgumentOutOfRangeException(nameof(status), "A run finishes as Completed, Canceled or Failed.");
        }

        var run = await GetRunAsync(sourceId, runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run '{runId}' of source '{sourceId}' is not recorded.");
        var totals = UnitCounts.None;
        foreach (var counts in (await GetCompletedUnitsAsync(sourceId, runId, cancellationToken).ConfigureAwait(false)).Values)
        {
            totals = totals.Add(counts);
        }

        run = run with
        {
            Status = status,
            FinishedAt = timeProvider.GetUtcNow(),
            Totals = totals,
            Error = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error,
        };
        await UpsertAsync(run, cancellationToken).ConfigureAwait(false);
        Log.RunStatusChanged(logger, sourceId, runId, status.ToString());
        return run;
    }

    /// <summary>
    /// Marks as Failed the source's runs, newer than its last completed one, that are still recorded as Running although
    /// <paramref name="currentRunId"/> is the run going on: one run of a source runs at a time, so each of them lost its
    /// host (or the activity that started it ran twice) and was not resumed. Without this they would show as running forever.
    /// </summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="currentRunId">The run started or resumed now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many runs were marked.</returns>
    public async Task<int> AbandonStaleRunsAsync(string sourceId, string currentRunId, CancellationToken cancellationToken = default)
    {
        var stale = new List<string>();
        await foreach (var run in RunsNewestFirstAsync(sourceId, cancellationToken).ConfigureAwait(false))
        {
            if (run.Status == SyncRunStatus.Completed)
            {
                break;
            }

            if (run.Status == SyncRunStatus.Running && run.RunId != currentRunId)
            {
                stale.Add(run.RunId);
            }
        }

        foreach (string runId in stale)
        {
            await FinishRunAsync(sourceId, runId, SyncRunStatus.Failed, $"Abandoned: run {currentRunId} was started instead of resuming this one.", cancellationToken)
                .ConfigureAwait(false);
        }

        return stale.Count;
    }

    /// <summary>Reads one run.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run, or <see langword="null"/> when it is not recorded.</returns>
    public async Task<SyncRun?> GetRunAsync(string sourceId, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var table = await tables.GetAsync(CatalogTable.SyncRuns, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            CatalogKeys.CheckSourceId(sourceId), TableKeyEscaper.Escape(runId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(sourceId, response.Value!) : null;
    }

    /// <summary>The latest run of a source if it did not complete (running, crashed, canceled or failed), with its completed units.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Where to resume, or <see langword="null"/> when the latest run completed or there is none.</returns>
    public async Task<ResumePoint?> FindUnfinishedRunAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        await foreach (var run in RunsNewestFirstAsync(sourceId, cancellationToken).ConfigureAwait(false))
        {
            if (run.Status == SyncRunStatus.Completed)
            {
                return null;
            }

            var units = await GetCompletedUnitsAsync(sourceId, run.RunId, cancellationToken).ConfigureAwait(false);
            return new ResumePoint(run, units);
        }

        return null;
    }

    /// <summary>When the last completed run started: changes since then are what an incremental run reads.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="mode">Only runs of this mode, or any mode when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The start time, or <see langword="null"/> when no run completed.</returns>
    public async Task<DateTimeOffset?> GetLastCompletedRunStartAsync(string sourceId, SyncMode? mode = null, CancellationToken cancellationToken = default)
    {
        await foreach (var run in RunsNewestFirstAsync(sourceId, cancellationToken).ConfigureAwait(false))
        {
            if (run.Status == SyncRunStatus.Completed && (mode is null || run.Mode == mode))
            {
                return run.StartedAt;
            }
        }

        return null;
    }

    /// <summary>The latest runs of a source, newest first.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="max">At most this many runs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The runs.</returns>
    public async Task<IReadOnlyList<SyncRun>> GetRecentRunsAsync(string sourceId, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var runs = new List<SyncRun>(Math.Min(max, 100));
        await foreach (var run in RunsNewestFirstAsync(sourceId, cancellationToken).ConfigureAwait(false))
        {
            runs.Add(run);
            if (runs.Count == max)
            {
                break;
            }
        }

        return runs;
    }

    /// <summary>The completed units of a run.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Unit keys and their counts.</returns>
    public async Task<IReadOnlyDictionary<string, UnitCounts>> GetCompletedUnitsAsync(string sourceId, string runId, CancellationToken cancellationToken = default)
    {
        string prefix = TableKeyEscaper.Escape(runId) + UnitSeparator;
        string pk = CatalogKeys.CheckSourceId(sourceId);
        string upper = TableKeyEscaper.PrefixUpperBound(prefix);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey gt {prefix} and RowKey lt {upper}");
        var table = await tables.GetAsync(CatalogTable.SyncRuns, cancellationToken).ConfigureAwait(false);
        var units = new Dictionary<string, UnitCounts>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            units[entity.GetString("UnitKey")] = new UnitCounts(
                entity.GetInt64("Written") ?? 0, entity.GetInt64("Skipped") ?? 0, entity.GetInt64("Failed") ?? 0);
        }

        return units;
    }

    private async IAsyncEnumerable<SyncRun> RunsNewestFirstAsync(
        string sourceId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string pk = CatalogKeys.CheckSourceId(sourceId);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and Kind eq {RunKind}");
        var table = await tables.GetAsync(CatalogTable.SyncRuns, cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, 100, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(sourceId, entity);
        }
    }

    private async Task UpsertAsync(SyncRun run, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(CatalogTable.SyncRuns, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(ToEntity(CatalogKeys.CheckSourceId(run.SourceId), run), TableUpdateMode.Replace, cancellationToken)
            .ConfigureAwait(false);
    }

    private static string UnitRowKey(string runId, string unitKey) =>
        TableKeyEscaper.Escape(runId) + UnitSeparator + TableKeyEscaper.Escape(unitKey);

    private static TableEntity ToEntity(string partitionKey, SyncRun run) => new(partitionKey, TableKeyEscaper.Escape(run.RunId))
    {
        [KindProperty] = RunKind,
        ["Mode"] = run.Mode.ToString(),
        ["Status"] = run.Status.ToString(),
        ["StartedAt"] = run.StartedAt,
        ["FinishedAt"] = run.FinishedAt,
        ["Attempts"] = run.Attempts,
        ["Written"] = run.Totals.Written,
        ["Skipped"] = run.Totals.Skipped,
        ["Failed"] = run.Totals.Failed,
        ["Error"] = run.Error,
    };

    private static SyncRun FromEntity(string sourceId, TableEntity entity) => new(
        sourceId,
        TableKeyEscaper.Unescape(entity.RowKey),
        Enum.Parse<SyncMode>(entity.GetString("Mode")),
        Enum.Parse<SyncRunStatus>(entity.GetString("Status")),
        entity.GetDateTimeOffset("StartedAt") ?? throw new InvalidDataException($"Run '{entity.RowKey}' of source '{sourceId}' has no StartedAt."),
        entity.GetDateTimeOffset("FinishedAt"),
        entity.GetInt32("Attempts") ?? 1,
        new UnitCounts(entity.GetInt64("Written") ?? 0, entity.GetInt64("Skipped") ?? 0, entity.GetInt64("Failed") ?? 0),
        entity.GetString("Error"));
}
