using MediaSync.Catalog.Jellyfin;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Catalog.Tests.Jellyfin;

public sealed class JellyfinClientTests
{
    private const string ApiKey = "jf-api-key-123";

    private static JellyfinClient CreateSut(Uri baseUrl, Action<JellyfinClientOptions>? configure = null)
    {
        var options = new JellyfinClientOptions { BaseUrl = baseUrl, ApiKey = ApiKey, PageSize = 3, Resilience = TestClients.FastResilience() };
        configure?.Invoke(options);
        return new JellyfinClient(TestClients.Http(options.Resilience), options);
    }

    /// <summary>Serves 7 episodes in pages, honouring startIndex/limit, with null fields omitted as Jellyfin does.</summary>
    /// <param name="laterPagesReportPageSize">Like the sandbox: without a count, TotalRecordCount is the page's own size (real servers may say 0).</param>
    private static Task<RecordingServer> StartEpisodeServer(bool laterPagesReportPageSize = false) => RecordingServer.StartAsync(async context =>
    {
        int start = int.Parse(context.Request.Query["startIndex"].ToString(), CultureInfo.InvariantCulture);
        int limit = int.Parse(context.Request.Query["limit"].ToString(), CultureInfo.InvariantCulture);
        var items = Enumerable.Range(start, Math.Max(0, Math.Min(limit, 7 - start))).Select(i =>
            i % 2 == 0
                ? $$"""{"Id":"e{{i}}","Name":"Episode {{i}}","Type":"Episode","SeriesId":"s1","SeasonId":"s1-1","ParentIndexNumber":1,"IndexNumber":{{i + 1}},"ProviderIds":{"Tvdb":"{{100 + i}}","Tmdb":"{{200 + i}}"},"Etag":"etag{{i}}","DateCreated":"2024-05-01T18:30:00.0000000Z","RunTimeTicks":27000000000}"""
                : $$"""{"Id":"e{{i}}","Name":"Episode {{i}}","Type":"Episode","SeriesId":"s1"}""");
        int total = context.Request.Query["enableTotalRecordCount"] != "false" ? 7 : laterPagesReportPageSize ? items.Count() : 0;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"Items":[{{string.Join(',', items)}}],"TotalRecordCount":{{total}},"StartIndex":{{start}}}""");
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetLibraryEpisodesAsync_SevenItemsInPagesOfThree_WalksAllPagesOnce(bool laterPagesReportPageSize)
    {
        await using RecordingServer server = await StartEpisodeServer(laterPagesReportPageSize);
        JellyfinClient sut = CreateSut(server.BaseUrl);

        List<TvEpisode> episodes = await sut.GetLibraryEpisodesAsync("lib1").ToListAsync();

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"e{i}"), episodes.Select(e => e.Id));
        Assert.Equal(3, server.RequestCount);
        TvEpisode first = episodes[0];
        Assert.Equal(("s1", "s1-1", 1, 1, "etag0"), (first.ShowId, first.SeasonId, first.SeasonNumber, first.EpisodeNumber, first.ChangeKey));
        Assert.Equal("200", first.ProviderIds["tmdb"]);
        Assert.Equal(TimeSpan.FromMinutes(45), first.RunTime);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 18, 30, 0, TimeSpan.Zero), first.AddedAt);
        Assert.Null(episodes[1].SeasonNumber);
        Assert.Empty(episodes[1].ProviderIds);
    }

    [Fact]
    public async Task GetLibraryEpisodesAsync_Request_UsesBulkPlanMinimalFieldsAndAuthHeader()
    {
        await using RecordingServer server = await StartEpisodeServer();
        JellyfinClient sut = CreateSut(server.BaseUrl);

        await sut.GetLibraryEpisodesAsync("lib1", new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero)).ToListAsync();

        RecordedRequest first = server.Requests.First();
        Assert.Equal("/Items", first.Path);
        string query = Uri.UnescapeDataString(first.Query);
        foreach (string expected in new[] { "parentId=lib1", "recursive=true", "includeItemTypes=Episode", "fields=ProviderIds,DateCreated,Etag", "enableImages=false", "enableUserData=false", "startIndex=0", "limit=3", "minDateLastSaved=2024-06-01T12:00:00.0000000Z" })
        {
            Assert.Contains(expected, query, StringComparison.Ordinal);
        }

        Assert.StartsWith($"MediaBrowser Token=\"{ApiKey}\"", first.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("startIndex=3", server.Requests.ElementAt(1).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLibrariesAsync_WithUser_ReadsUserViews()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("""{"Items":[{"Id":"lib1","Name":"Shows","CollectionType":"tvshows"},{"Id":"lib2","Name":"Films","CollectionType":"movies"}],"TotalRecordCount":2}""");
        JellyfinClient sut = CreateSut(server.BaseUrl, o => o.UserId = "u1");

        IReadOnlyList<MediaLibrary> libraries = await sut.GetLibrariesAsync();

        Assert.Equal([new MediaLibrary("lib1", "Shows", "tvshows"), new MediaLibrary("lib2", "Films", "movies")], libraries);
        Assert.Equal("/UserViews", server.Requests.Single().Path);
    }

    [Fact]
    public async Task GetSeasonsAndEpisodesAsync_PerShowEndpoints_MapSeasonNumbers()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(context.Request.Path.Value!.EndsWith("/Seasons", StringComparison.Ordinal)
                ? """{"Items":[{"Id":"se1","Name":"Season 1","IndexNumber":1,"SeriesId":"s1"},{"Id":"se0","Name":"Specials","IndexNumber":0}],"TotalRecordCount":2}"""
                : """{"Items":[{"Id":"ep1","Name":"Pilot","IndexNumber":1,"ParentIndexNumber":1,"SeriesId":"s1","SeasonId":"se1"}],"TotalRecordCount":1}""");
        });
        JellyfinClient sut = CreateSut(server.BaseUrl);

        IReadOnlyList<TvSeason> seasons = await sut.GetSeasonsAsync("s1");
        IReadOnlyList<TvEpisode> episodes = await sut.GetEpisodesAsync("s1", "se1");

        Assert.Equal([(1, "s1"), (0, "s1")], seasons.Select(s => (s.SeasonNumber!.Value, s.ShowId)));
        Assert.Equal("ep1", Assert.Single(episodes).Id);
        Assert.Contains("seasonId=se1", server.Requests.Last().Query, StringComparison.Ordinal);
        Assert.Equal("/Shows/s1/Episodes", server.Requests.Last().Path);
    }
}
