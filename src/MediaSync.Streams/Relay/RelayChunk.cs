using System.Buffers;

namespace MediaSync.Streams;

/// <summary>
/// One upstream read in a pooled buffer, shared by every viewer. Each holder takes a reference;
/// the last release returns the buffer to the pool, so memory stays bounded by queue capacity.
/// </summary>
internal sealed class RelayChunk
{
    private readonly ArrayPool<byte> pool;
    private byte[]? buffer;
    private int references = 1;

    /// <summary>Wraps <paramref name="rented"/>; the creator holds the first reference.</summary>
    public RelayChunk(ArrayPool<byte> pool, byte[] rented, int length)
    {
        this.pool = pool;
        buffer = rented;
        Length = length;
    }

    /// <summary>Gets the number of payload bytes.</summary>
    public int Length { get; }

    /// <summary>Gets the payload; valid only while the caller holds a reference.</summary>
    public ReadOnlyMemory<byte> Memory => (buffer ?? throw new ObjectDisposedException(nameof(RelayChunk))).AsMemory(0, Length);

    /// <summary>Takes a reference before handing the chunk to a viewer.</summary>
    public void AddReference() => Interlocked.Increment(ref references);

    /// <summary>Drops a reference; the last one returns the buffer.</summary>
    public void Release()
    {
        int left = Interlocked.Decrement(ref references);
        if (left == 0)
        {
            byte[]? rented = Interlocked.Exchange(ref buffer, null);
            if (rented is not null)
            {
                pool.Return(rented);
            }
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A relay chunk was released more often than it was referenced.");
        }
    }
}
