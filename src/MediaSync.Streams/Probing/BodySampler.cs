using System.Buffers;

namespace MediaSync.Streams;

/// <summary>
/// Reads a response body with the probe's time limits: the first byte must come within the
/// first-byte budget, later bytes may not pause longer than the stall timeout, and reading stops
/// at a byte budget or at the end of the sample window. Keeps the first bytes for sniffing and,
/// when asked, the whole body (playlists).
/// </summary>
internal sealed class BodySampler(Stream body, TimeProvider time, long requestStartTimestamp, StreamProberOptions options)
{
    private readonly byte[] head = new byte[Math.Max(MediaSniffer.BytesNeededForSync(options.RequiredSyncPackets), 4096)];
    private MemoryStream? everything;
    private long firstReadBytes;
    private long? firstByteTimestamp;
    private long lastReadTimestamp;

    /// <summary>How a read stopped.</summary>
    public enum Outcome
    {
        /// <summary>The requested number of bytes arrived.</summary>
        Reached,

        /// <summary>The body ended.</summary>
        Ended,

        /// <summary>The sample window is over.</summary>
        WindowElapsed,

        /// <summary>Not a single byte arrived within the first-byte timeout.</summary>
        NoFirstByte,

        /// <summary>Bytes stopped for longer than the stall timeout.</summary>
        Stalled,
    }

    /// <summary>Gets the first bytes of the body.</summary>
    public ReadOnlySpan<byte> Head => head.AsSpan(0, HeadLength);

    /// <summary>Gets the number of bytes in <see cref="Head"/>.</summary>
    public int HeadLength { get; private set; }

    /// <summary>Gets the number of body bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Gets the milliseconds from sending the request to the first body byte.</summary>
    public long? TtfbMs => firstByteTimestamp is long t ? (long)time.GetElapsedTime(requestStartTimestamp, t).TotalMilliseconds : null;

    /// <summary>Gets the bitrate measured from the first byte to the last read, leaving out the first read (it may be a burst the server had buffered).</summary>
    public long? BitrateKbps
    {
        get
        {
            if (firstByteTimestamp is not long first)
            {
                return null;
            }

            double ms = time.GetElapsedTime(first, lastReadTimestamp).TotalMilliseconds;
            long measured = BytesRead - firstReadBytes;
            return ms >= 1 && measured > 0 ? (long)(measured * 8 / ms) : null;
        }
    }

    /// <summary>Starts keeping every byte (including those already read) so <see cref="AllBytes"/> can return them.</summary>
    public void KeepEverything()
    {
        everything ??= new MemoryStream();
        if (everything.Length == 0 && HeadLength > 0 && BytesRead == HeadLength)
        {
            everything.Write(Head);
        }
    }

    /// <summary>Every byte read since <see cref="KeepEverything"/> (and the head before it).</summary>
    public ReadOnlySpan<byte> AllBytes => everything is null ? Head : everything.GetBuffer().AsSpan(0, (int)everything.Length);

    /// <summary>Reads until <paramref name="targetBytes"/> body bytes in total, the end of the body, the window end or a time limit.</summary>
    public async Task<Outcome> ReadAsync(long targetBytes, TimeSpan? window, CancellationToken cancellationToken)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (BytesRead < targetBytes)
            {
                TimeSpan limit;
                bool limitIsWindowEnd = false;
                if (firstByteTimestamp is long first)
                {
                    limit = options.StallTimeout;
                    if (window is TimeSpan w)
                    {
                        TimeSpan left = w - time.GetElapsedTime(first);
                        if (left <= TimeSpan.Zero)
                        {
                            return Outcome.WindowElapsed;
                        }

                        limitIsWindowEnd = left < limit;
                        limit = limitIsWindowEnd ? left : limit;
                    }
                }
                else
                {
                    limit = options.FirstByteTimeout - time.GetElapsedTime(requestStartTimestamp);
                    if (limit <= TimeSpan.Zero)
                    {
                        return Outcome.NoFirstByte;
                    }
                }

                int wanted = (int)Math.Min(targetBytes - BytesRead, int.MaxValue);
                bool intoHead = HeadLength < head.Length && everything is null;
                Memory<byte> target = intoHead
                    ? head.AsMemory(HeadLength, Math.Min(head.Length - HeadLength, wanted))
                    : scratch.AsMemory(0, Math.Min(scratch.Length, wanted));

                int read;
                using (var readLimit = new CancellationTokenSource(limit, time))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(readLimit.Token, cancellationToken))
                {
                    try
                    {
                        read = await body.ReadAsync(target, linked.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException
                        && readLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        // A cancelled read tears the connection down; a read racing that can see the disposed stream
                        // (or a reset) instead of its cancellation. Either way the time limit ended it.
                        return firstByteTimestamp is null ? Outcome.NoFirstByte
                            : limitIsWindowEnd ? Outcome.WindowElapsed
                            : Outcome.Stalled;
                    }
                }

                if (read == 0)
                {
                    return Outcome.Ended;
                }

                lastReadTimestamp = time.GetTimestamp();
                if (firstByteTimestamp is null)
                {
                    firstByteTimestamp = lastReadTimestamp;
                    firstReadBytes = read;
                }

                if (intoHead)
                {
                    HeadLength += read;
                }

                everything?.Write(target.Span[..read]);
                BytesRead += read;
            }

            return Outcome.Reached;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
