namespace MediaSync.Sandbox.Hosting;

/// <summary>MPEG-TS-like bytes: 188-byte packets with sync byte 0x47, a video PID and a running continuity counter.</summary>
internal static class TransportStreamBytes
{
    public const int PacketSize = 188;

    /// <summary>Fills whole packets; <paramref name="packetNumber"/> carries on across calls so counters keep counting.</summary>
    public static void Fill(Span<byte> buffer, ref long packetNumber)
    {
        for (var offset = 0; offset + PacketSize <= buffer.Length; offset += PacketSize)
        {
            var packet = buffer.Slice(offset, PacketSize);
            packet[0] = 0x47;
            packet[1] = 0x01; // PID 0x0100, no transport error, no payload-unit start
            packet[2] = 0x00;
            packet[3] = (byte)(0x10 | (packetNumber & 0x0F)); // payload only + continuity counter
            packet[4..].Fill((byte)(packetNumber * 31));
            packetNumber++;
        }
    }

    /// <summary>The byte at <paramref name="position"/> of a VOD file: container magic first, TS packets after.</summary>
    public static void FillFile(Span<byte> buffer, long position, string extension)
    {
        ReadOnlySpan<byte> magic = extension switch
        {
            "mkv" => [0x1A, 0x45, 0xDF, 0xA3],
            "mp4" => [0x00, 0x00, 0x00, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m'],
            "avi" => [(byte)'R', (byte)'I', (byte)'F', (byte)'F'],
            _ => [],
        };

        for (var i = 0; i < buffer.Length; i++)
        {
            var at = position + i;
            if (at < magic.Length)
            {
                buffer[i] = magic[(int)at];
                continue;
            }

            var inPacket = (int)(at % PacketSize);
            buffer[i] = inPacket == 0 ? (byte)0x47 : (byte)((at / PacketSize * 31) + inPacket);
        }
    }
}
