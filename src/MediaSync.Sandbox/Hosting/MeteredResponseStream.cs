namespace MediaSync.Sandbox.Hosting;

/// <summary>
/// Wraps a response body: counts bytes served, paces writes to the bandwidth cap (read on every write so a test can
/// change it mid-response) and, when asked, silently drops everything after a byte budget to produce a malformed page.
/// </summary>
internal sealed class MeteredResponseStream(Stream inner, SandboxCounters counters, SandboxControl control, TimeProvider time, int? truncateAfter) : Stream
{
    private long _written;
    private long _paced;
    private long _pacedSince;
    private long _pacedRate;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (truncateAfter is { } budget)
        {
            var room = (int)Math.Max(0, budget - _written);
            if (room == 0)
            {
                return;
            }

            buffer = buffer[..Math.Min(room, buffer.Length)];
        }

        while (!buffer.IsEmpty)
        {
            var rate = control.BandwidthBytesPerSecond;
            var chunk = rate is { } r ? (int)Math.Clamp(r / 20, 512, 64 * 1024) : buffer.Length;
            var piece = buffer[..Math.Min(chunk, buffer.Length)];
            await inner.WriteAsync(piece, cancellationToken).ConfigureAwait(false);
            _written += piece.Length;
            counters.AddBytes(piece.Length);
            buffer = buffer[piece.Length..];
            if (rate is { } bytesPerSecond)
            {
                await PaceAsync(piece.Length, bytesPerSecond, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PaceAsync(int justWritten, long bytesPerSecond, CancellationToken cancellationToken)
    {
        // Pacing restarts when the cap changes so a new cap takes effect at once instead of paying off the old debt.
        if (bytesPerSecond != _pacedRate)
        {
            _pacedRate = bytesPerSecond;
            _paced = 0;
            _pacedSince = time.GetTimestamp();
        }

        _paced += justWritten;
        var due = TimeSpan.FromSeconds((double)_paced / bytesPerSecond);
        var elapsed = time.GetElapsedTime(_pacedSince);
        if (due > elapsed)
        {
            await Task.Delay(due - elapsed, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
