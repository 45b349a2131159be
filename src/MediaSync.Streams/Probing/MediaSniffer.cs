using System.Text;

namespace MediaSync.Streams;

/// <summary>Recognises stream payloads by their bytes, because content types lie.</summary>
internal static class MediaSniffer
{
    /// <summary>The length of one MPEG-TS packet.</summary>
    public const int TsPacketLength = 188;

    private const byte TsSyncByte = 0x47;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Finds an offset k &lt; 188 with 0x47 at k, k+188, k+376, ... for <paramref name="packets"/> packets in a row.
    /// A live read may start mid-packet, hence the offset.
    /// </summary>
    /// <returns>The offset, or -1 when there is none (or too few bytes to tell).</returns>
    public static int FindTsSync(ReadOnlySpan<byte> data, int packets)
    {
        for (int offset = 0; offset < TsPacketLength && offset + ((packets - 1) * TsPacketLength) < data.Length; offset++)
        {
            int run = 0;
            while (run < packets && data[offset + (run * TsPacketLength)] == TsSyncByte)
            {
                run++;
            }

            if (run == packets)
            {
                return offset;
            }
        }

        return -1;
    }

    /// <summary>The bytes needed to see <paramref name="packets"/> packets whatever the starting offset.</summary>
    public static int BytesNeededForSync(int packets) => (TsPacketLength - 1) + (packets * TsPacketLength);

    /// <summary>True for fragmented MP4 (an HLS fMP4 segment starts with a <c>ftyp</c>, <c>styp</c>, <c>moof</c> or <c>sidx</c> box).</summary>
    public static bool IsFragmentedMp4(ReadOnlySpan<byte> data) =>
        data.Length >= 8 && (data[4..8].SequenceEqual("ftyp"u8) || data[4..8].SequenceEqual("styp"u8)
            || data[4..8].SequenceEqual("moof"u8) || data[4..8].SequenceEqual("sidx"u8));

    /// <summary>True when the body is an M3U playlist (<c>#EXTM3U</c>, maybe after a BOM or whitespace).</summary>
    public static bool IsM3u(ReadOnlySpan<byte> data) => SkipBomAndWhitespace(data).StartsWith("#EXTM3U"u8);

    /// <summary>True when the body looks like an HTML error page.</summary>
    public static bool IsHtml(ReadOnlySpan<byte> data)
    {
        var start = SkipBomAndWhitespace(data);
        return start.Length > 0 && start[0] == (byte)'<'
            && (StartsWithIgnoreCase(start, "<!doctype html") || StartsWithIgnoreCase(start, "<html") || StartsWithIgnoreCase(start, "<head")
                || StartsWithIgnoreCase(start, "<body") || StartsWithIgnoreCase(start, "<!--") || StartsWithIgnoreCase(start, "<?xml"));
    }

    /// <summary>True for media types providers use for MPEG-TS.</summary>
    public static bool IsTsContentType(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("video/mp2t", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("video/mpeg", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("video/x-mpegts", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for media types providers use for HLS playlists (text/plain is checked by content, not here).</summary>
    public static bool IsHlsContentType(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("application/vnd.apple.mpegurl", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/x-mpegurl", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("audio/mpegurl", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("audio/x-mpegurl", StringComparison.OrdinalIgnoreCase));

    private static ReadOnlySpan<byte> SkipBomAndWhitespace(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(Utf8Bom))
        {
            data = data[Utf8Bom.Length..];
        }

        return data.TrimStart(" \t\r\n"u8);
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> data, string prefix) =>
        data.Length >= prefix.Length && Encoding.ASCII.GetString(data[..prefix.Length]).Equals(prefix, StringComparison.OrdinalIgnoreCase);
}
