using Microsoft.Extensions.Logging;

namespace MediaSync.Streams;

/// <summary>Every log event of this assembly, source-generated, with stable event ids (7000–7099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information,
        Message = "Probed {Url}: {Status} (HTTP {HttpStatus}, {ContentType}, ttfb {TtfbMs} ms, {BitrateKbps} kbps, {BytesRead} bytes) {Detail}")]
    public static partial void ProbeCompleted(
        ILogger logger, string url, StreamProbeStatus status, int? httpStatus, string? contentType, long? ttfbMs, long? bitrateKbps, long bytesRead, string? detail);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Relay for stream {StreamId} opened upstream {Url} on account {AccountId}")]
    public static partial void RelayUpstreamOpened(ILogger logger, string streamId, string url, string accountId);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information,
        Message = "Relay for stream {StreamId} closed: {Reason}; {Bytes} bytes in {Chunks} chunks, {Dropped} chunks dropped, {Kicked} viewers disconnected for lag")]
    public static partial void RelayClosed(ILogger logger, string streamId, string reason, long bytes, long chunks, long dropped, long kicked);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Relay for stream {StreamId}: upstream failed: {Detail}")]
    public static partial void RelayUpstreamFailed(ILogger logger, string streamId, string detail);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Information, Message = "Relay for stream {StreamId}: viewer slot refused on account {AccountId}: {Reason}")]
    public static partial void RelaySlotRefused(ILogger logger, string streamId, string accountId, string reason);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Warning,
        Message = "Relay for stream {StreamId}: viewer {ViewerId} disconnected after lagging {LagMs} ms ({Dropped} chunks dropped)")]
    public static partial void RelayViewerKicked(ILogger logger, string streamId, long viewerId, long lagMs, long dropped);

    [LoggerMessage(EventId = 7015, Level = LogLevel.Warning, Message = "Relay for stream {StreamId}: renewing the viewer lease failed")]
    public static partial void RelayLeaseRenewFailed(ILogger logger, Exception exception, string streamId);

    [LoggerMessage(EventId = 7016, Level = LogLevel.Warning, Message = "Relay for stream {StreamId}: the viewer lease was lost; closing the upstream")]
    public static partial void RelayLeaseLost(ILogger logger, string streamId);

    [LoggerMessage(EventId = 7017, Level = LogLevel.Warning, Message = "Relay for stream {StreamId}: releasing the viewer slot failed (the lease will expire on its own)")]
    public static partial void RelaySlotReleaseFailed(ILogger logger, Exception exception, string streamId);

    [LoggerMessage(EventId = 7018, Level = LogLevel.Warning, Message = "Relay for stream {StreamId}: could not open the upstream: {Detail}")]
    public static partial void RelayUpstreamUnavailable(ILogger logger, string streamId, string detail);
}
