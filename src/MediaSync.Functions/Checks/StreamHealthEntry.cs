namespace MediaSync.Functions.Checks;

/// <summary>The health of one stream: its latest check in full and the last few in short (newest first).</summary>
/// <param name="AccountId">The xtream source id.</param>
/// <param name="StreamId">The provider's live stream id.</param>
/// <param name="Status">The latest probe status name.</param>
/// <param name="HttpStatus">The latest final HTTP status.</param>
/// <param name="ContentType">The latest response media type.</param>
/// <param name="TtfbMs">The latest time to first byte.</param>
/// <param name="BitrateKbps">The latest measured bitrate.</param>
/// <param name="BytesRead">Body bytes the latest probe read.</param>
/// <param name="Detail">What failed, in words (credentials masked); null when ok.</param>
/// <param name="CheckedAt">When the latest probe ended.</param>
/// <param name="ConsecutiveFailures">Checks in a row that were not ok.</param>
/// <param name="History">The last checks, newest first, at most the configured history depth.</param>
internal sealed record StreamHealthEntry(
    string AccountId,
    string StreamId,
    string Status,
    int? HttpStatus,
    string? ContentType,
    long? TtfbMs,
    long? BitrateKbps,
    long BytesRead,
    string? Detail,
    DateTimeOffset CheckedAt,
    int ConsecutiveFailures,
    IReadOnlyList<StreamHealthCheck> History);
