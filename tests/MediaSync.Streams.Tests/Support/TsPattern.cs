namespace MediaSync.Streams.Tests.Support;

/// <summary>
/// A deterministic MPEG-TS-shaped byte stream: every 188-byte packet starts with 0x47 and carries
/// its packet number, so any window of it can be located and compared byte for byte.
/// </summary>
internal static class TsPattern
{
    public const int PacketLength = 188;

    public static byte At(long position)
    {
        long packet = position / PacketLength;
        int j = (int)(position % PacketLength);
        return j switch
        {
            0 => 0x47,
            >= 1 and <= 4 => (byte)(packet >> ((j - 1) * 8)),
            _ => (byte)((packet * 31) + j),
        };
    }

    public static void Fill(Span<byte> destination, long startPosition)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = At(startPosition + i);
        }
    }

    public static byte[] Bytes(long startPosition, int length)
    {
        var bytes = new byte[length];
        Fill(bytes, startPosition);
        return bytes;
    }
}
