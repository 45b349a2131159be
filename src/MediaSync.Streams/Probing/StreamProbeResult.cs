namespace MediaSync.Streams;

/// <summary>
/// What a probe found. Safe to store and log: <see cref="Url"/> and <see cref="Detail"/> never carry credentials.
/// </summary>
/// <param name="Status">The classification.</param>
/// <param name="HttpStatus">The final HTTP status code (after redirects), when a response arrived.</param>
/// <param name="ContentType">The final response's media type, when one was sent.</param>
/// <param name="TtfbMs">Milliseconds from sending the request to the first body byte.</param>
/// <param name="BitrateKbps">Kilobits per second measured over the sample window (HLS: the segment's size over its duration).</param>
/// <param name="BytesRead">Body bytes read, playlists and segments included.</param>
/// <param name="Detail">What failed and where, in words; null when the stream is ok.</param>
/// <param name="Url">The probed URL with credentials masked.</param>
internal sealed record StreamProbeResult(
    StreamProbeStatus Status,
    int? HttpStatus,
    string? ContentType,
    long? TtfbMs,
    long? BitrateKbps,
    long BytesRead,
    string? Detail,
    string Url)
{
    /// <summary>True when the stream is playable.</summary>
    public bool IsOk => Status == StreamProbeStatus.Ok;

    /// <summary>
    /// True when the caller's deadline (its slot lease), not the stream or the probe's own timeouts, ended the probe: the
    /// <see cref="StreamProbeStatus.Timeout"/> it carries then says nothing about the stream.
    /// </summary>
    public bool EndedByDeadline { get; init; }
}
