using System.Buffers;

namespace MediaSync.Streams.Tests.Relay;

public sealed class RelayChunkTests
{
    [Fact]
    public void Release_LastReference_ReturnsTheBufferToThePoolOnce()
    {
        var pool = new CountingPool();
        var chunk = new RelayChunk(pool, pool.Rent(32), 10);
        chunk.AddReference();
        chunk.AddReference();

        chunk.Release();
        chunk.Release();
        Assert.Equal(0, pool.Returned);

        chunk.Release();
        Assert.Equal(1, pool.Returned);
        Assert.Throws<InvalidOperationException>(chunk.Release);
        Assert.Equal(1, pool.Returned);
    }

    [Fact]
    public void Memory_ExposesOnlyThePayload()
    {
        var pool = new CountingPool();
        var chunk = new RelayChunk(pool, pool.Rent(32), 10);

        Assert.Equal(10, chunk.Memory.Length);
    }

    private sealed class CountingPool : ArrayPool<byte>
    {
        public int Returned { get; private set; }

        public override byte[] Rent(int minimumLength) => new byte[minimumLength];

        public override void Return(byte[] array, bool clearArray = false) => Returned++;
    }
}
