using Microsoft.Extensions.Logging;

namespace MediaSync.Catalog;

/// <summary>All log messages of the catalog assembly. URLs and messages passed in are already redacted.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "{Provider} {Action} answered HTTP {StatusCode} for {Url}")]
    public static partial void HttpError(ILogger logger, string provider, string action, int statusCode, string url);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "{Provider} {Action} failed for {Url}: {ErrorType}: {Error}")]
    public static partial void TransportError(ILogger logger, string provider, string action, string url, string errorType, string error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Skipped an invalid item: {Error}")]
    public static partial void InvalidItemSkipped(ILogger logger, string error);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "{Provider} retry {Attempt} of {Url} in {DelayMs} ms after {Outcome}")]
    public static partial void RetryScheduled(ILogger logger, string provider, int attempt, string url, double delayMs, string outcome);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "{Provider} circuit opened for {BreakMs} ms after {Outcome}")]
    public static partial void CircuitOpened(ILogger logger, string provider, double breakMs, string outcome);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "{Provider} circuit closed")]
    public static partial void CircuitClosed(ILogger logger, string provider);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "{Provider} {Action} {Url} answered {StatusCode} in {ElapsedMs} ms")]
    public static partial void RequestCompleted(ILogger logger, string provider, string action, string url, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Dispatcharr {Operation} of the access token succeeded for {Url}")]
    public static partial void DispatcharrTokenIssued(ILogger logger, string operation, string url);
}
