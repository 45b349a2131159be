using System.Text;
using MediaSync.Streams.Tests.Support;

namespace MediaSync.Streams.Tests.Probing;

public sealed class MediaSnifferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(187)]
    public void FindTsSync_StreamStartingMidPacket_FindsTheOffset(int offset)
    {
        // Reading from position (188 - offset) puts the next packet start at index offset (mod 188).
        var data = TsPattern.Bytes((188 - offset) % 188, MediaSniffer.BytesNeededForSync(7));

        Assert.Equal(offset, MediaSniffer.FindTsSync(data, 7));
    }

    [Fact]
    public void FindTsSync_OneBrokenPacketInTheRun_FindsNoSync()
    {
        var data = TsPattern.Bytes(0, 188 * 8);
        data[188 * 3] = 0x00;

        Assert.Equal(-1, MediaSniffer.FindTsSync(data, 7));
    }

    [Fact]
    public void FindTsSync_TooFewBytes_FindsNoSync()
    {
        var data = TsPattern.Bytes(0, 188 * 6);

        Assert.Equal(-1, MediaSniffer.FindTsSync(data, 7));
    }

    [Theory]
    [InlineData("#EXTM3U\n#EXT-X-VERSION:3", true)]
    [InlineData("\uFEFF#EXTM3U\n", true)]
    [InlineData("  \r\n#EXTM3U", true)]
    [InlineData("#EXTINF:-1,foo", false)]
    public void IsM3u_RecognisesPlaylistsAfterBomAndWhitespace(string text, bool expected) =>
        Assert.Equal(expected, MediaSniffer.IsM3u(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("<!DOCTYPE html><html>", true)]
    [InlineData("<HTML><body>", true)]
    [InlineData("\uFEFF <html>", true)]
    [InlineData("G@\u0011", false)]
    public void IsHtml_RecognisesErrorPages(string text, bool expected) =>
        Assert.Equal(expected, MediaSniffer.IsHtml(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void IsFragmentedMp4_FtypBox_IsTrue()
    {
        byte[] box = [0, 0, 0, 24, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m'];

        Assert.True(MediaSniffer.IsFragmentedMp4(box));
        Assert.False(MediaSniffer.IsFragmentedMp4(TsPattern.Bytes(0, 188)));
    }

    [Theory]
    [InlineData("video/MP2T", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData("text/html", false)]
    [InlineData(null, false)]
    public void IsTsContentType_ComparesCaseInsensitively(string? mediaType, bool expected) =>
        Assert.Equal(expected, MediaSniffer.IsTsContentType(mediaType));
}
