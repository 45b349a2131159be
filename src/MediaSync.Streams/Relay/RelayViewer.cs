using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace MediaSync.Streams;

/// <summary>
/// One viewer of a relayed stream: a bounded queue the upstream publisher fills without ever
/// waiting (a full queue drops its oldest chunk), and the loop that writes the queue to the viewer.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The disconnect source has no timer; the publisher may cancel it after the viewer ended, so it is never disposed.")]
internal sealed class RelayViewer
{
    private const int MaxBytesPerFlush = 256 * 1024;

    private readonly Channel<RelayChunk> queue;
    private readonly CancellationTokenSource disconnected = new();
    private readonly RelaySession session;
    private readonly TimeProvider time;
    private readonly int capacity;
    private readonly TimeSpan lagTimeout;
    private long lastTakeTimestamp;
    private long droppedChunks;
    private long bytesSent;
    private int kicked;

    /// <summary>Creates a viewer of <paramref name="session"/>; only the session does this.</summary>
    public RelayViewer(long id, RelaySession session, StreamRelayOptions options, TimeProvider time)
    {
        Id = id;
        this.session = session;
        this.time = time;
        capacity = options.ViewerQueueCapacity;
        lagTimeout = options.LagTimeout;
        lastTakeTimestamp = time.GetTimestamp();
        queue = Channel.CreateBounded<RelayChunk>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
                AllowSynchronousContinuations = false,
            },
            OnDropped);
    }

    /// <summary>Gets the viewer's number within the relay.</summary>
    public long Id { get; }

    /// <summary>Gets the stream this viewer watches.</summary>
    public string StreamId => session.StreamId;

    /// <summary>Gets a token that fires when the relay disconnects this viewer for lagging; the host aborts the connection on it.</summary>
    public CancellationToken Disconnected => disconnected.Token;

    /// <summary>Gets the chunks this viewer lost because it fell behind.</summary>
    public long DroppedChunks => Interlocked.Read(ref droppedChunks);

    /// <summary>Gets the bytes written to this viewer.</summary>
    public long BytesSent => Interlocked.Read(ref bytesSent);

    /// <summary>Gets the chunks waiting for this viewer.</summary>
    public int QueuedChunks => queue.Reader.Count;

    /// <summary>Gets a value indicating whether the relay disconnected this viewer for lagging.</summary>
    public bool WasDisconnectedForLag => Volatile.Read(ref kicked) == 1;

    /// <summary>
    /// Writes the stream to <paramref name="destination"/> until the upstream ends (returns normally),
    /// the viewer goes away or <paramref name="cancellationToken"/> fires, or the relay disconnects the viewer for lagging.
    /// Everything queued is written before one flush, so a viewer that fell behind catches up with few sends.
    /// </summary>
    public async Task CopyToAsync(PipeWriter destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disconnected.Token);
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
            {
                long batched = 0;
                while (batched < MaxBytesPerFlush && reader.TryRead(out RelayChunk? chunk))
                {
                    Volatile.Write(ref lastTakeTimestamp, time.GetTimestamp());
                    session.OnRoomMade();
                    try
                    {
                        destination.Write(chunk.Memory.Span);
                    }
                    finally
                    {
                        chunk.Release();
                    }

                    batched += chunk.Length;
                }

                FlushResult flushed = await destination.FlushAsync(linked.Token).ConfigureAwait(false);
                Interlocked.Add(ref bytesSent, batched);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The viewer left or was disconnected: an ordinary end for a live stream.
        }
        catch (IOException)
        {
            // The viewer's connection broke.
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Queues <paramref name="chunk"/> without waiting; called by the session's single publisher only.</summary>
    /// <returns>True when the queue still has room afterwards (this viewer keeps up).</returns>
    internal bool Offer(RelayChunk chunk, long nowTimestamp)
    {
        chunk.AddReference();
        if (!queue.Writer.TryWrite(chunk))
        {
            chunk.Release();
            return false;
        }

        if (queue.Reader.Count < capacity)
        {
            return true;
        }

        if (time.GetElapsedTime(Volatile.Read(ref lastTakeTimestamp), nowTimestamp) > lagTimeout)
        {
            Kick(nowTimestamp);
        }

        return false;
    }

    /// <summary>Gets a value indicating whether the queue has room.</summary>
    internal bool HasRoom => queue.Reader.Count < capacity;

    /// <summary>Ends the viewer after it has written what is queued (the upstream ended).</summary>
    internal void Complete() => queue.Writer.TryComplete();

    private void Kick(long nowTimestamp)
    {
        if (Interlocked.Exchange(ref kicked, 1) != 0)
        {
            return;
        }

        var lag = time.GetElapsedTime(Volatile.Read(ref lastTakeTimestamp), nowTimestamp);
        session.OnViewerKicked(this, lag);
        queue.Writer.TryComplete();

        // Callbacks (aborting the viewer's connection) run on the thread pool, never on the publisher.
        _ = disconnected.CancelAsync();
    }

    private void Leave()
    {
        queue.Writer.TryComplete();
        session.RemoveViewer(this);

        // Completion stops further writes, so this drains everything the publisher ever queued.
        while (queue.Reader.TryRead(out RelayChunk? chunk))
        {
            chunk.Release();
        }
    }

    private void OnDropped(RelayChunk chunk)
    {
        Interlocked.Increment(ref droppedChunks);
        session.OnChunkDropped();
        chunk.Release();
    }
}
