namespace MediaSync.Streams;

/// <summary>A snapshot of one relayed stream.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Viewers">Viewers connected now.</param>
/// <param name="BytesIn">Bytes read from the upstream.</param>
/// <param name="ChunksIn">Chunks read from the upstream.</param>
/// <param name="ChunksDropped">Chunks dropped from lagging viewers' queues, summed over viewers.</param>
/// <param name="ViewersDisconnectedForLag">Viewers disconnected because they fell too far behind.</param>
/// <param name="PublishTime">Time spent handing chunks to viewer queues, summed (the cost the upstream read loop pays per chunk).</param>
/// <param name="ViewerDetails">Per viewer: id, bytes sent, chunks dropped, chunks queued.</param>
internal sealed record RelayStreamStats(
    string StreamId,
    int Viewers,
    long BytesIn,
    long ChunksIn,
    long ChunksDropped,
    long ViewersDisconnectedForLag,
    TimeSpan PublishTime,
    IReadOnlyList<RelayViewerStats> ViewerDetails);
