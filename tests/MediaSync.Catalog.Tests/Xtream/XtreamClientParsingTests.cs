using MediaSync.Catalog.Model;
using MediaSync.Catalog.Tests.Support;
using MediaSync.Catalog.Xtream;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Catalog.Tests.Xtream;

public sealed class XtreamClientParsingTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["(account)"] = XtreamPayloads.Account,
        ["get_live_categories"] = XtreamPayloads.LiveCategories,
        ["get_live_streams"] = XtreamPayloads.LiveStreams,
        ["get_vod_streams"] = XtreamPayloads.VodStreams,
        ["get_series"] = XtreamPayloads.Series,
    };

    private RecordingServer server = null!;

    public async Task InitializeAsync() => server = await RecordingServer.StartAsync(async context =>
    {
        string action = context.Request.Query["action"].ToString();
        string body = action switch
        {
            "" => XtreamPayloads.Account,
            "get_series_info" => context.Request.Query["series_id"].ToString() switch
            {
                "77" => XtreamPayloads.SeriesInfoKeyedBySeason,
                "78" => XtreamPayloads.SeriesInfoArrayOfArrays,
                _ => XtreamPayloads.SeriesInfoEmpty,
            },
            _ => Bodies.GetValueOrDefault(action, XtreamPayloads.Account),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task GetAccountInfoAsync_StringlyTypedFields_AreCoerced()
    {
        XtreamClient sut = TestClients.Xtream(new Uri(server.BaseUrl, "player_api.php?username=x&password=y"));

        XtreamAccountInfo account = await sut.GetAccountInfoAsync();

        Assert.True(account.Authenticated);
        Assert.True(account.IsActive);
        Assert.Equal(2, account.MaxConnections);
        Assert.Equal(1, account.ActiveConnections);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1893456000), account.ExpiresAt);
        Assert.False(account.IsTrial);
        Assert.Equal(["m3u8", "ts", "rtmp"], account.AllowedOutputFormats);
        Assert.Equal("Europe/Berlin", account.ServerTimeZone);
        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal("/player_api.php", request.Path);
        Assert.Contains("password=S3cr3t%2Fp%40ss%26word", request.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalizeBase_PastedUrls_DropQueryAndPhpButKeepBasePath()
    {
        Assert.Equal("http://panel.example:8080/", XtreamUrls.NormalizeBase(new Uri("http://panel.example:8080/player_api.php?username=a&password=b")).ToString());
        Assert.Equal("http://panel.example/xc/", XtreamUrls.NormalizeBase(new Uri("http://panel.example/xc/get.php?username=a")).ToString().TrimEnd('/') + "/");
        Assert.Equal("https://panel.example/base", XtreamUrls.NormalizeBase(new Uri("https://panel.example/base/")).ToString().TrimEnd('/'));
    }

    [Fact]
    public async Task GetCategoriesAsync_IdsAsStringsOrNumbers_AllRead()
    {
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        List<CatalogCategory> categories = await sut.GetCategoriesAsync(CatalogKind.Live).ToListAsync();

        Assert.Equal([new CatalogCategory(CatalogKind.Live, "12", "News", null), new CatalogCategory(CatalogKind.Live, "7", "Sports", null)], categories);
    }

    [Fact]
    public async Task GetItemsAsync_LiveQuirks_NullsBlanksAndMixedTypesTolerated()
    {
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        List<CatalogItem> items = await sut.GetItemsAsync(CatalogKind.Live).ToListAsync();

        Assert.Equal(2, items.Count);
        Assert.Equal("101", items[0].ProviderId);
        Assert.True(items[0].HasArchive);
        Assert.Equal("news.de", items[0].EpgChannelId);
        Assert.Equal(["12"], items[0].CategoryIds);
        Assert.Equal("102", items[1].ProviderId);
        Assert.Null(items[1].IconUrl);
        Assert.Null(items[1].Added);
        Assert.Null(items[1].CategoryId);
        Assert.Equal(["7", "12"], items[1].CategoryIds);
        Assert.Equal(0, sut.InvalidItemCount);
    }

    [Fact]
    public async Task GetItemsAsync_VodQuirks_RatingsTmdbAndExtensionsNormalised()
    {
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        List<CatalogItem> items = await sut.GetItemsAsync(CatalogKind.Vod, categoryId: "3").ToListAsync();

        Assert.Equal(["5001", "5002", "5003", "5004"], items.Select(i => i.ProviderId));
        Assert.Equal([7.3, 7.9, null, null], items.Select(i => i.Rating));
        Assert.Equal(["550", null, null, null], items.Select(i => i.TmdbId));
        Assert.Equal(["mkv", null, "mp4", "avi"], items.Select(i => i.ContainerExtension));
        Assert.Equal([2021, null, 2019, null], items.Select(i => i.Year));
        Assert.Equal(["3", "4"], items[0].CategoryIds);
        Assert.Equal(["3"], items[1].CategoryIds);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000200), items[1].Added);
        Assert.Null(items[3].Added);
        Assert.Contains("action=get_vod_streams&category_id=3", server.Requests.Last().Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItemsAsync_SeriesQuirks_BackdropShapesAndBlankDatesTolerated()
    {
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        List<CatalogItem> items = await sut.GetItemsAsync(CatalogKind.Series).ToListAsync();

        Assert.Equal(["77", "78", "79"], items.Select(i => i.ProviderId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000300), items[0].LastModified);
        Assert.Null(items[1].LastModified);
        Assert.Equal([8.0, null, null], items.Select(i => i.Rating));
        Assert.Equal([2015, 2020, null], items.Select(i => i.Year));
        Assert.Equal("1399", items[0].TmdbId);
    }

    [Fact]
    public async Task GetSeriesInfoAsync_EpisodesKeyedBySeason_GroupsBySeasonFieldFirst()
    {
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        SeriesDetails details = await sut.GetSeriesInfoAsync("77");

        Assert.Equal([0, 1, 2], details.EpisodesBySeason.Keys.Order());
        Assert.Equal(["9001", "9002"], details.EpisodesBySeason[1].Select(e => e.Id));
        SeriesEpisode pilot = details.EpisodesBySeason[1][0];
        Assert.Equal(("63056", 3000, "mkv", 1), (pilot.TmdbId, pilot.DurationSeconds, pilot.ContainerExtension, pilot.EpisodeNumber));
        Assert.Equal(2550, details.EpisodesBySeason[2][0].DurationSeconds);
        Assert.Equal("9003", details.EpisodesBySeason[2][0].Id);
        Assert.Equal(2, details.Seasons.Count);
        Assert.Equal(4, details.AllEpisodes.Count());
        Assert.Equal("Show One", details.Name);
    }

    [Fact]
    public async Task GetSeriesInfoAsync_ArrayOfArraysAndEmptyInfo_UsesEpisodeSeasonThenIndex()
    {
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        SeriesDetails details = await sut.GetSeriesInfoAsync("78");

        Assert.Equal(["8000"], details.EpisodesBySeason[0].Select(e => e.Id));
        Assert.Equal(["8001", "8002"], details.EpisodesBySeason[1].Select(e => e.Id));
        Assert.Empty(details.Seasons);
        Assert.Null(details.Name);
    }

    [Fact]
    public async Task GetSeriesInfoAsync_NoEpisodes_ReturnsEmptyDetails()
    {
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        SeriesDetails details = await sut.GetSeriesInfoAsync("1");

        Assert.Empty(details.EpisodesBySeason);
        Assert.Empty(details.AllEpisodes);
    }

    [Fact]
    public void BuildStreamUrl_EveryKind_UsesDocumentedShapeWithEscapedCredentials()
    {
        XtreamClient sut = TestClients.Xtream(new Uri("http://panel.example:8080/base/player_api.php"));

        Assert.Equal("http://panel.example:8080/base/live/alice.user/S3cr3t%2Fp%40ss%26word/101.ts", sut.BuildStreamUrl(CatalogKind.Live, "101").AbsoluteUri);
        Assert.Equal("http://panel.example:8080/base/movie/alice.user/S3cr3t%2Fp%40ss%26word/5001.mkv", sut.BuildStreamUrl(CatalogKind.Vod, "5001", "mkv").AbsoluteUri);
        Assert.Equal(
            "http://panel.example:8080/base/series/alice.user/S3cr3t%2Fp%40ss%26word/9001.mp4",
            sut.BuildEpisodeUrl(new SeriesEpisode { SeriesId = "77", Season = 1, Id = "9001", ContainerExtension = "mp4" }).AbsoluteUri);
        TestClients.AssertNoSecret(sut.Redact(sut.BuildStreamUrl(CatalogKind.Live, "101").AbsoluteUri));
    }
}
