using MediaSync.Catalog.Model;
using MediaSync.Catalog.Providers;
using MediaSync.Catalog.Tests.Support;
using MediaSync.Catalog.Xtream;
using Microsoft.Extensions.Logging;

namespace MediaSync.Catalog.Tests.Xtream;

/// <summary>Real garbage gets an error naming action, path and byte position, and never the credentials.</summary>
public sealed class XtreamGarbageTests
{
    [Fact]
    public async Task GetItemsAsync_TruncatedJson_ThrowsNamingActionAndPositionWithoutSecrets()
    {
        string body = XtreamPayloads.VodStreams[..XtreamPayloads.VodStreams.IndexOf("Movie C", StringComparison.Ordinal)];
        await using RecordingServer server = await RecordingServer.StartAsync(body);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetItemsAsync(CatalogKind.Vod).ToListAsync());

        Assert.Contains("Xtream get_vod_streams", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("$[2]", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.BytePosition);
        Assert.InRange(error.BytePosition!.Value, 100, System.Text.Encoding.UTF8.GetByteCount(body));
        TestClients.AssertNoSecret(error.ToString());
    }

    [Fact]
    public async Task GetItemsAsync_TruncatedJson_YieldsTheCompleteItemsBeforeFailing()
    {
        string body = XtreamPayloads.VodStreams[..XtreamPayloads.VodStreams.IndexOf("Movie C", StringComparison.Ordinal)];
        await using RecordingServer server = await RecordingServer.StartAsync(body);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);
        var seen = new List<string>();

        await Assert.ThrowsAsync<ProviderResponseException>(async () =>
        {
            await foreach (CatalogItem item in sut.GetItemsAsync(CatalogKind.Vod))
            {
                seen.Add(item.ProviderId);
            }
        });

        Assert.Equal(["5001", "5002"], seen);
    }

    [Fact]
    public async Task GetItemsAsync_WrongTypeInStrictMode_ThrowsNamingItemFieldAndByte()
    {
        const string body = """[{"stream_id":1,"name":"ok"},{"stream_id":{"nested":true},"name":"bad"}]""";
        await using RecordingServer server = await RecordingServer.StartAsync(body);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl, o => o.ThrowOnInvalidItem = true);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetItemsAsync(CatalogKind.Live).ToListAsync());

        Assert.Equal("$[1].stream_id", error.Path);
        Assert.Equal(body.IndexOf("{\"stream_id\":{", StringComparison.Ordinal), error.BytePosition);
        Assert.Contains("get_live_streams", error.Message, StringComparison.Ordinal);
        Assert.Contains("'stream_id' is an object", error.Message, StringComparison.Ordinal);
        TestClients.AssertNoSecret(error.Message);
    }

    [Fact]
    public async Task GetItemsAsync_WrongTypeByDefault_SkipsOnlyThatItemAndLogsWhere()
    {
        const string body = """[{"stream_id":1,"name":"ok"},{"stream_id":2,"name":["not","a","name"]},{"stream_id":3},"junk",{"name":"no id"}]""";
        await using RecordingServer server = await RecordingServer.StartAsync(body);
        var logs = new CapturingLoggerProvider();
        using var loggers = new LoggerFactory([logs]);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl, loggers: loggers);

        List<CatalogItem> items = await sut.GetItemsAsync(CatalogKind.Live).ToListAsync();

        Assert.Equal(["1", "3"], items.Select(i => i.ProviderId));
        Assert.Equal(3, sut.InvalidItemCount);
        Assert.Contains(logs.Lines, l => l.Contains("$[1].name", StringComparison.Ordinal) && l.Contains("byte", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("$[3]", StringComparison.Ordinal) && l.Contains("is a string, expected an object", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("$[4].stream_id", StringComparison.Ordinal));
        Assert.All(logs.Lines, l => TestClients.AssertNoSecret(l));
    }

    [Fact]
    public async Task GetItemsAsync_HtmlPageWithStatus200_ThrowsHtmlError()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("<html><body>Welcome to nginx</body></html>", "text/html");
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetItemsAsync(CatalogKind.Vod).ToListAsync());

        Assert.Contains("HTML", error.Message, StringComparison.Ordinal);
        Assert.Contains("get_vod_streams", error.Message, StringComparison.Ordinal);
        TestClients.AssertNoSecret(error.ToString());
    }

    [Fact]
    public async Task GetItemsAsync_HtmlPageLabelledAsJson_ThrowsHtmlErrorAtByteZero()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("\r\n<!DOCTYPE html><html>blocked</html>");
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetItemsAsync(CatalogKind.Live).ToListAsync());

        Assert.Contains("HTML", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.BytePosition);
    }

    [Fact]
    public async Task GetItemsAsync_EmptyBody_ThrowsEmptyBodyError()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(string.Empty);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetItemsAsync(CatalogKind.Series).ToListAsync());

        Assert.Contains("Xtream get_series: the response body is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccountInfoAsync_EmptyBody_ThrowsEmptyBodyError()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("  ");
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetAccountInfoAsync());

        Assert.Contains("Xtream account: the response body is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItemsAsync_BareWordBody_ThrowsQuotingItRedacted()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("blocked", "text/plain");
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetItemsAsync(CatalogKind.Live).ToListAsync());

        Assert.Contains("not JSON: it starts with \"blocked\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItemsAsync_AccountObjectInsteadOfList_ThrowsExplainingUnknownActionOrCredentials()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(XtreamPayloads.AccountRejected);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetCategoriesAsync(CatalogKind.Vod).ToListAsync());

        Assert.Contains("get_vod_categories: expected a JSON array but the body is a JSON object", error.Message, StringComparison.Ordinal);
        Assert.Contains("rejected credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccountInfoAsync_Rejected_ReportsNotAuthenticated()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(XtreamPayloads.AccountRejected);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        XtreamAccountInfo account = await sut.GetAccountInfoAsync();

        Assert.False(account.Authenticated);
        Assert.False(account.IsActive);
    }

    [Fact]
    public async Task GetAccountInfoAsync_NullExpiryAndEmptyServerInfo_MeansNeverExpires()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(XtreamPayloads.AccountNeverExpires);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        XtreamAccountInfo account = await sut.GetAccountInfoAsync();

        Assert.Null(account.ExpiresAt);
        Assert.Equal((1, 0), (account.MaxConnections, account.ActiveConnections));
        Assert.Null(account.ServerTimeZone);
    }

    [Fact]
    public async Task GetAccountInfoAsync_ErrorObject_ThrowsQuotingTheError()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("""{"error":"account disabled"}""");
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetAccountInfoAsync());

        Assert.Contains("account disabled", error.Message, StringComparison.Ordinal);
        Assert.Equal("$.error", error.Path);
    }

    [Fact]
    public async Task GetSeriesInfoAsync_InvalidJsonMidDocument_ThrowsWithByteAndNoSecret()
    {
        string body = XtreamPayloads.SeriesInfoKeyedBySeason.Replace("\"Pilot\"", "Pilot", StringComparison.Ordinal);
        await using RecordingServer server = await RecordingServer.StartAsync(body);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetSeriesInfoAsync("77"));

        Assert.Contains("get_series_info: invalid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body[..body.IndexOf("Pilot", StringComparison.Ordinal)]), error.BytePosition);
        TestClients.AssertNoSecret(error.ToString());
    }

    [Fact]
    public async Task GetSeriesInfoAsync_EpisodesOfWrongShape_ThrowsNamingField()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("""{"seasons":[],"info":[],"episodes":42}""");
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetSeriesInfoAsync("5"));

        Assert.Equal("$.episodes", error.Path);
    }

    [Fact]
    public async Task GetItemsAsync_HttpErrorEchoingCredentials_MessageIsRedacted()
    {
        string echo = $"denied for {TestClients.User}:{TestClients.Password} at /live/{TestClients.User}/{Uri.EscapeDataString(TestClients.Password)}/1.ts";
        await using RecordingServer server = await RecordingServer.StartAsync(echo, "text/plain", 403);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetItemsAsync(CatalogKind.Live).ToListAsync());

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("denied for", error.Message, StringComparison.Ordinal);
        TestClients.AssertNoSecret(error.ToString());
    }

    [Fact]
    public async Task GetPlaylistAsync_BlockedPage_ThrowsProviderErrorWithoutSecrets()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("blocked", "text/plain");
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetPlaylistAsync().ToListAsync());

        Assert.Contains("Xtream get.php: not an M3U playlist", error.Message, StringComparison.Ordinal);
        TestClients.AssertNoSecret(error.ToString());
    }

    [Fact]
    public async Task GetPlaylistAsync_Playlist_StreamsEntries()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("#EXTM3U\n#EXTINF:-1 tvg-id=\"a\" group-title=\"News\",A\nhttp://p/live/u/p/1.ts\n", "audio/x-mpegurl");
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        List<M3uEntry> entries = await sut.GetPlaylistAsync().ToListAsync();

        Assert.Equal(("A", "a", "News"), (entries[0].Name, entries[0].TvgId, entries[0].GroupTitle));
        Assert.Contains("type=m3u_plus&output=ts", server.Requests.Single().Query, StringComparison.Ordinal);
        Assert.Equal("/get.php", server.Requests.Single().Path);
    }
}
