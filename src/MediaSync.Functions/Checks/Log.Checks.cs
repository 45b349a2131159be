using MediaSync.Streams;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions;

/// <summary>Log messages of stream checks and the relay wiring (event ids 700-749).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Stream check {CheckId} started")]
    public static partial void StreamCheckStarted(ILogger logger, string checkId);

    [LoggerMessage(EventId = 701, Level = LogLevel.Debug, Message = "Check {CheckId}: stream {AccountId}/{StreamId} is {Status} (ttfb {TtfbMs} ms)")]
    public static partial void StreamChecked(ILogger logger, string checkId, string accountId, string streamId, StreamProbeStatus status, long? ttfbMs);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Account {AccountId}: the provider's connection limit could not be read ({Reason}); using {Limit}")]
    public static partial void AccountLimitFallback(ILogger logger, string accountId, string reason, int limit);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "Account {AccountId}: Dispatcharr account {DispatcharrAccountId} could not be read ({Reason}); its connections are not taken off the limit")]
    public static partial void DispatcharrUsageUnavailable(ILogger logger, string accountId, long dispatcharrAccountId, string reason);

    [LoggerMessage(EventId = 705, Level = LogLevel.Information, Message = "Account {AccountId}: {Held} of its {Limit} connections are held outside MediaSync (per {Source}); checks use the rest")]
    public static partial void AccountLimitReduced(ILogger logger, string accountId, int limit, int held, string source);

    [LoggerMessage(EventId = 706, Level = LogLevel.Information, Message = "Check {CheckId}: stream {AccountId}/{StreamId} refused with HTTP {HttpStatus} while the account used {Active} of its {Max} connections; counted as AccountFull, not against the stream")]
    public static partial void ProbeRefusedAccountFull(ILogger logger, string checkId, string accountId, string streamId, int? httpStatus, int active, int max);

    [LoggerMessage(EventId = 707, Level = LogLevel.Information, Message = "Check {CheckId}: stream {AccountId}/{StreamId} refused with HTTP {HttpStatus}; trying once more in {WaitMs} ms")]
    public static partial void ProbeRefusedRetrying(ILogger logger, string checkId, string accountId, string streamId, int? httpStatus, double waitMs);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "Check {CheckId}: stream {AccountId}/{StreamId} not probed, its slot lease expired before the probe started")]
    public static partial void ProbeSkippedSlotLost(ILogger logger, string checkId, string accountId, string streamId);

    [LoggerMessage(EventId = 708, Level = LogLevel.Warning, Message = "Check {CheckId}: the probe of stream {AccountId}/{StreamId} was cut short by its slot lease's expiry after {ElapsedMs} ms; not recorded, the stream goes back for another slot")]
    public static partial void ProbeCutByLease(ILogger logger, string checkId, string accountId, string streamId, long elapsedMs);
}
