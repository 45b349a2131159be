using Microsoft.Extensions.Logging;

namespace MediaSync.Functions;

/// <summary>Every log message of the function app (stable event ids).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Demo orchestration {InstanceId} started: {Steps} steps of {StepMilliseconds} ms")]
    public static partial void DemoStarted(ILogger logger, string instanceId, int steps, int stepMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Durable health check failed")]
    public static partial void DurableHealthFailed(ILogger logger, Exception exception);
}
