namespace MediaSync.Streams;

/// <summary>A snapshot of one viewer.</summary>
/// <param name="ViewerId">The viewer's number.</param>
/// <param name="BytesSent">Bytes written to the viewer.</param>
/// <param name="ChunksDropped">Chunks the viewer lost by falling behind.</param>
/// <param name="ChunksQueued">Chunks waiting for the viewer.</param>
internal sealed record RelayViewerStats(long ViewerId, long BytesSent, long ChunksDropped, int ChunksQueued);
