using Microsoft.Extensions.Logging;

namespace MediaSync.Hosting;

/// <summary>Source-generated log messages of the host (stable event ids; never a key or connection string).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Timer {FunctionName} firing occurrence {Occurrence:O} (past due: {IsPastDue})")]
    public static partial void TimerFiring(ILogger logger, string functionName, DateTime? occurrence, bool isPastDue);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Timer {FunctionName} failed")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string functionName);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Timer {FunctionName} listener lease acquired by host {HostId}")]
    public static partial void TimerLeaseAcquired(ILogger logger, string functionName, string hostId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Timer {FunctionName} listener lease lost by host {HostId}")]
    public static partial void TimerLeaseLost(ILogger logger, string functionName, string hostId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Timer {FunctionName} occurrence {Occurrence:O} was claimed by another host")]
    public static partial void TimerOccurrenceTaken(ILogger logger, string functionName, DateTime occurrence);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Timer {FunctionName} storage call failed; retrying")]
    public static partial void TimerStorageError(ILogger logger, Exception exception, string functionName);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Function key checks are DISABLED (" + Configuration.FunctionsHostSettings.DisableKeyChecks + "); Development only")]
    public static partial void KeyChecksDisabled(ILogger logger);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Health check {Check} failed")]
    public static partial void HealthCheckFailed(ILogger logger, Exception exception, string check);
}
