namespace MediaSync.Streams.Tests.Probing;

public sealed class HlsPlaylistTests
{
    private static readonly Uri PlaylistUrl = new("http://lb.example/hls/chan/index.m3u8?token=abc");

    [Fact]
    public void Parse_MasterPlaylist_ResolvesVariantsAgainstThePlaylistUrl()
    {
        var playlist = HlsPlaylist.Parse(
            "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=3000000\n/abs/high.m3u8\n",
            PlaylistUrl);

        Assert.NotNull(playlist);
        Assert.True(playlist.IsMaster);
        Assert.Equal(
            [new Uri("http://lb.example/hls/chan/low/index.m3u8"), new Uri("http://lb.example/abs/high.m3u8")],
            playlist.Variants);
    }

    [Fact]
    public void Parse_LiveMediaPlaylist_ListsSegmentsWithDurationsAndNoEnd()
    {
        var playlist = HlsPlaylist.Parse(
            "\uFEFF#EXTM3U\r\n#EXT-X-TARGETDURATION:6\r\n#EXT-X-MEDIA-SEQUENCE:7\r\n#EXTINF:6.006,\r\nseg7.ts\r\n#EXTINF:5.5,title\r\nhttp://cdn.example/seg8.ts\r\n",
            PlaylistUrl);

        Assert.NotNull(playlist);
        Assert.False(playlist.IsMaster);
        Assert.False(playlist.HasEndList);
        Assert.Equal(2, playlist.Segments.Count);
        Assert.Equal(new Uri("http://lb.example/hls/chan/seg7.ts"), playlist.Segments[0].Uri);
        Assert.Equal(6.006, playlist.Segments[0].DurationSeconds);
        Assert.Equal(new Uri("http://cdn.example/seg8.ts"), playlist.Segments[1].Uri);
    }

    [Fact]
    public void Parse_NotAPlaylist_ReturnsNull() =>
        Assert.Null(HlsPlaylist.Parse("<html>Forbidden</html>", PlaylistUrl));
}
