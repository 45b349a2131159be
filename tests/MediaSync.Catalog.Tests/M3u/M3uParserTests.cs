using System.Text;
using MediaSync.Catalog.M3u;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Tests.Support;

namespace MediaSync.Catalog.Tests.M3u;

public sealed class M3uParserTests
{
    private static Task<List<M3uEntry>> Parse(string playlist, bool bom = false)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(playlist);
        var stream = new MemoryStream(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        return M3uParser.ParseAsync(stream).ToListAsync();
    }

    [Fact]
    public async Task ParseAsync_CrlfBomAndAttributesInAnyOrder_ReadsEveryEntry()
    {
        const string playlist = "#EXTM3U url-tvg=\"http://epg.example/guide.xml\"\r\n" +
            "#EXTINF:-1 group-title=\"News, World\" tvg-logo=\"http://logo/1.png\" tvg-id=\"news.de\" tvg-name=\"News 24\",News 24 HD\r\n" +
            "http://panel.example/live/u/p/101.ts\r\n" +
            "#EXTINF:-1 tvg-id=\"\" ,Bare Channel, with comma\r\n" +
            "#EXTVLCOPT:http-user-agent=VLC\r\n" +
            "#KODIPROP:inputstream=adaptive\r\n" +
            "\r\n" +
            "http://panel.example/live/u/p/102.ts\r\n";

        List<M3uEntry> entries = await Parse(playlist, bom: true);

        Assert.Equal(2, entries.Count);
        M3uEntry first = entries[0];
        Assert.Equal(("News 24 HD", "news.de", "News 24", "http://logo/1.png", "News, World"), (first.Name, first.TvgId, first.TvgName, first.TvgLogo, first.GroupTitle));
        Assert.Equal("http://panel.example/live/u/p/101.ts", first.Url);
        Assert.Equal(-1, first.Duration);
        M3uEntry second = entries[1];
        Assert.Equal("Bare Channel, with comma", second.Name);
        Assert.Null(second.TvgId);
        Assert.Null(second.GroupTitle);
        Assert.Equal("http://panel.example/live/u/p/102.ts", second.Url);
    }

    [Fact]
    public async Task ParseAsync_MissingAttributesAndExtGrp_FallsBackSensibly()
    {
        const string playlist = "#EXTM3U\n#EXTINF:0,\n#EXTGRP:Movies\nhttp://x/1.mkv\n#EXTINF:-1 tvg-name=\"Only Name\" tvg-id=abc,\nhttp://x/2.ts\nhttp://x/orphan-url-without-extinf\n#EXTINF:-1,Last";

        List<M3uEntry> entries = await Parse(playlist);

        Assert.Equal(2, entries.Count);
        Assert.Equal(("http://x/1.mkv", "Movies", 0d), (entries[0].Name, entries[0].GroupTitle, entries[0].Duration));
        Assert.Equal(("Only Name", "abc"), (entries[1].Name, entries[1].TvgId));
    }

    [Fact]
    public async Task ParseAsync_LargePlaylist_StreamsAllEntries()
    {
        var text = new StringBuilder("#EXTM3U\n");
        for (int i = 0; i < 50_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:-1 tvg-id=\"c{i}\" group-title=\"G{i % 20}\",Channel {i}\nhttp://p/live/u/p/{i}.ts\n");
        }

        List<M3uEntry> entries = await Parse(text.ToString());

        Assert.Equal(50_000, entries.Count);
        Assert.Equal("c49999", entries[^1].TvgId);
        Assert.Equal("G19", entries[^1].GroupTitle);
    }

    [Fact]
    public async Task ParseAsync_HtmlInsteadOfPlaylist_ThrowsInsteadOfReturningEmpty()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Parse("\r\n<html><body>Access denied</body></html>\r\n"));

        Assert.Contains("not an M3U playlist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_HeaderOnly_IsAnEmptyPlaylist()
    {
        Assert.Empty(await Parse("#EXTM3U\r\n"));
    }
}
