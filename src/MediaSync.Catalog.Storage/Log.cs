using Microsoft.Extensions.Logging;

namespace MediaSync.Catalog.Storage;

/// <summary>The assembly's source-generated log messages (EventIds 5100–5199 are this assembly's).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning,
        Message = "Transaction of {Operations} operations in {Table}/{Partition} failed transiently ({Status}); attempt {Attempt}, retrying in {Delay}")]
    public static partial void TransientTransactionFailure(ILogger logger, int operations, string table, string partition, int status, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "Row {RowKey} in {Table}/{Partition} was rejected: {Reason}")]
    public static partial void RowRejected(ILogger logger, string table, string partition, string rowKey, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Batch write to {Table} for run {RunId}: {Written} written, {Skipped} unchanged ({RecordedAsSeen} recorded as seen), {Failed} failed in {Transactions} transactions")]
    public static partial void BatchWritten(ILogger logger, string table, string runId, int written, int skipped, int recordedAsSeen, int failed, int transactions);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information,
        Message = "Sweep of source {SourceId} after run {RunId} deleted {Deleted} rows")]
    public static partial void Swept(ILogger logger, string sourceId, string runId, int deleted);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning,
        Message = "Sweep of source {SourceId} refused: run {RunId} {Reason}")]
    public static partial void SweepRefused(ILogger logger, string sourceId, string runId, string reason);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information,
        Message = "Sync run {RunId} of source {SourceId} is now {Status}")]
    public static partial void RunStatusChanged(ILogger logger, string sourceId, string runId, string status);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning,
        Message = "Stored hashes of {Table}/{Partition} could not be read ({Status}); writing the partition's rows without skipping unchanged ones")]
    public static partial void StoredHashesUnavailable(ILogger logger, string table, string partition, int status);
}
