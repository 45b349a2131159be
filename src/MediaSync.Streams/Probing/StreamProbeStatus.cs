namespace MediaSync.Streams;

/// <summary>How a stream probe ended. Every value except <see cref="Ok"/> is a problem with the stream, not with us.</summary>
internal enum StreamProbeStatus
{
    /// <summary>The stream answered with playable MPEG-TS (or an HLS playlist whose segment is playable).</summary>
    Ok,

    /// <summary>The server answered with a non-success status (see <see cref="StreamProbeResult.HttpStatus"/>).</summary>
    HttpError,

    /// <summary>No connection, no response or no first byte within the configured timeouts or the deadline.</summary>
    Timeout,

    /// <summary>The body started, then stopped for longer than the stall timeout.</summary>
    Stalled,

    /// <summary>The connection could not be made or broke (DNS, refused, reset).</summary>
    ConnectionFailed,

    /// <summary>More redirects than allowed, a loop, or a redirect to a scheme other than http/https.</summary>
    RedirectRejected,

    /// <summary>The server sent something that is not a stream (an HTML error page, an image, ...).</summary>
    WrongContentType,

    /// <summary>Declared as MPEG-TS but no run of 0x47 sync bytes every 188 bytes was found.</summary>
    NoMpegTsSync,

    /// <summary>An HLS playlist that could not be followed to a playable segment.</summary>
    HlsUnreadable,
}
