using MediaSync.Catalog.Model;
using MediaSync.Catalog.Plex;
using MediaSync.Catalog.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Catalog.Tests.Plex;

public sealed class PlexClientTests
{
    private const string Token = "plex-token-xyz";

    private static PlexClient CreateSut(Uri baseUrl)
    {
        var options = new PlexClientOptions { BaseUrl = baseUrl, Token = Token, PageSize = 2, Resilience = TestClients.FastResilience() };
        return new PlexClient(TestClients.Http(options.Resilience), options);
    }

    private static Task<RecordingServer> StartEpisodeServer() => RecordingServer.StartAsync(async context =>
    {
        int start = int.Parse(context.Request.Query["X-Plex-Container-Start"].ToString(), CultureInfo.InvariantCulture);
        int size = int.Parse(context.Request.Query["X-Plex-Container-Size"].ToString(), CultureInfo.InvariantCulture);
        var items = Enumerable.Range(start, Math.Max(0, Math.Min(size, 5 - start))).Select(i =>
            $$"""{"ratingKey":"{{1000 + i}}","type":"episode","title":"Ep {{i}}","index":{{i + 1}},"parentIndex":2,"parentRatingKey":"900","grandparentRatingKey":"800","addedAt":1717000000,"updatedAt":{{1717000000 + i}},"duration":1800000,"Guid":[{"id":"tvdb://{{50 + i}}"},{"id":"imdb://tt{{i}}"}]}""");
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$$"""{"MediaContainer":{"size":{{{items.Count()}}},"totalSize":5,"offset":{{{start}}},"Metadata":[{{{string.Join(',', items)}}}]}}""");
    });

    [Fact]
    public async Task GetLibraryEpisodesAsync_FiveEpisodesInContainersOfTwo_WalksAllPages()
    {
        await using RecordingServer server = await StartEpisodeServer();
        PlexClient sut = CreateSut(server.BaseUrl);

        List<TvEpisode> episodes = await sut.GetLibraryEpisodesAsync("3").ToListAsync();

        Assert.Equal(["1000", "1001", "1002", "1003", "1004"], episodes.Select(e => e.Id));
        Assert.Equal(3, server.RequestCount);
        TvEpisode first = episodes[0];
        Assert.Equal(("800", "900", 2, 1, "1717000000"), (first.ShowId, first.SeasonId, first.SeasonNumber, first.EpisodeNumber, first.ChangeKey));
        Assert.Equal("50", first.ProviderIds["tvdb"]);
        Assert.Equal(TimeSpan.FromMinutes(30), first.RunTime);
    }

    [Fact]
    public async Task GetLibraryEpisodesAsync_UpdatedSince_SendsUnescapedStrictFilterAndHeaders()
    {
        await using RecordingServer server = await StartEpisodeServer();
        PlexClient sut = CreateSut(server.BaseUrl);

        await sut.GetLibraryEpisodesAsync("3", DateTimeOffset.FromUnixTimeSeconds(1717000100)).ToListAsync();

        RecordedRequest first = server.Requests.First();
        Assert.Equal("/library/sections/3/all", first.Path);
        Assert.Contains("type=4", first.Query, StringComparison.Ordinal);
        Assert.Contains("updatedAt>>=1717000099", first.Query, StringComparison.Ordinal);
        Assert.Contains("X-Plex-Container-Start=0&X-Plex-Container-Size=2", first.Query, StringComparison.Ordinal);
        Assert.Equal(Token, first.Header("X-Plex-Token"));
        Assert.Contains("application/json", first.Header("Accept"), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, first.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSectionsAndSeasonsAsync_MissingMetadata_MeansEmpty()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(context.Request.Path.Value switch
            {
                "/library/sections" => """{"MediaContainer":{"size":2,"Directory":[{"key":"3","type":"show","title":"TV"},{"key":"1","type":"movie","title":"Films"}]}}""",
                "/library/metadata/800/children" => """{"MediaContainer":{"size":1,"Metadata":[{"ratingKey":"900","type":"season","title":"Season 2","index":2,"parentRatingKey":"800"}]}}""",
                _ => """{"MediaContainer":{"size":0}}""",
            });
        });
        PlexClient sut = CreateSut(server.BaseUrl);

        IReadOnlyList<MediaLibrary> sections = await sut.GetSectionsAsync();
        IReadOnlyList<TvSeason> seasons = await sut.GetSeasonsAsync("800");
        IReadOnlyList<TvEpisode> none = await sut.GetEpisodesAsync("901");

        Assert.Equal([new MediaLibrary("3", "TV", "show"), new MediaLibrary("1", "Films", "movie")], sections);
        Assert.Equal((2, "800"), (Assert.Single(seasons).SeasonNumber!.Value, seasons[0].ShowId));
        Assert.Empty(none);
    }

    [Fact]
    public async Task GetSectionsAsync_XmlAnswer_ThrowsClearError()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("<MediaContainer size=\"0\"/>", "application/xml");
        PlexClient sut = CreateSut(server.BaseUrl);

        var error = await Assert.ThrowsAsync<MediaSync.Catalog.Providers.ProviderResponseException>(() => sut.GetSectionsAsync());

        Assert.Contains("Plex sections: the response is an HTML or XML page", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task SupportsUpdatedAtFilterAsync_ServerHonoursOrIgnoresFilter_Detected(bool serverHonoursFilter, bool expected)
    {
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            // Every episode was last updated in 2024; a server that ignores the filter always counts all five.
            string after = context.Request.Query["updatedAt>>"].ToString();
            int count = serverHonoursFilter && after.Length > 0 && long.Parse(after, CultureInfo.InvariantCulture) >= 1717000000 ? 0 : 5;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$$"""{"MediaContainer":{"size":0,"totalSize":{{{count}}},"offset":0}}""");
        });
        PlexClient sut = CreateSut(server.BaseUrl);

        bool supported = await sut.SupportsUpdatedAtFilterAsync("3");

        Assert.Equal(expected, supported);
        Assert.All(server.Requests, r => Assert.Contains("X-Plex-Container-Size=0", r.Query, StringComparison.Ordinal));
        Assert.Equal(3, server.RequestCount);
    }
}
