using Microsoft.Extensions.Logging;

namespace MediaSync.Functions;

/// <summary>The catalog sync's log messages (event ids 600–699). Ids and counts only: never URLs or credentials.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Catalog sync {InstanceId} started for source {SourceId} ({Mode}, resume {Resume}) by {Trigger}")]
    public static partial void SyncStarted(ILogger logger, string instanceId, string sourceId, string mode, bool resume, string trigger);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Catalog sync of source {SourceId} not started by {Trigger}: {InstanceId} is {Status}")]
    public static partial void SyncAlreadyRunning(ILogger logger, string sourceId, string trigger, string instanceId, string status);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Cancel requested for {InstanceId}")]
    public static partial void SyncCancelRequested(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Source {SourceId}: episodes of series {SeriesId} not stored ({ErrorType}: {Reason}); the series is retried next run")]
    public static partial void SeriesEpisodesFailed(ILogger logger, string sourceId, string seriesId, string errorType, string reason);

    [LoggerMessage(EventId = 607, Level = LogLevel.Warning, Message = "Source {SourceId}: the connections lent to a series unit could not be read ({ErrorType}: {Reason}); the unit goes on with those it has")]
    public static partial void LoanReadFailed(ILogger logger, string sourceId, string errorType, string reason);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Source {SourceId} unit {UnitKey}: {Written} written, {Skipped} unchanged, {Failed} failed, {SeriesFetched} series fetched, {SeriesFailed} series failed")]
    public static partial void UnitSynced(ILogger logger, string sourceId, string unitKey, long written, long skipped, long failed, int seriesFetched, int seriesFailed);

    [LoggerMessage(EventId = 605, Level = LogLevel.Information, Message = "Catalog sync of source {SourceId} ended {Status}: run {RunId}, {Units} units, {FailedUnits} failed")]
    public static partial void SyncEnded(ILogger logger, string sourceId, string status, string runId, int units, int failedUnits);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Scheduled sync of source {SourceId} failed to start")]
    public static partial void ScheduledSyncFailed(ILogger logger, string sourceId, Exception exception);
}
