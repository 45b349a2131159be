using Microsoft.Extensions.Logging;

namespace MediaSync.Sandbox.Hosting;

/// <summary>Source-generated log messages of the sandbox. Never log URLs: Xtream credentials live in them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sandbox providers listening on {BaseUri}")]
    public static partial void Started(ILogger logger, Uri baseUri);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Injected {Fault} into {CounterKey}")]
    public static partial void FaultInjected(ILogger logger, string fault, string counterKey);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Refused a stream of account #{AccountNumber}: {Open} of {MaxConnections} connections in use")]
    public static partial void StreamRefused(ILogger logger, int accountNumber, int open, int maxConnections);
}
