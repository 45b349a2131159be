using System.Net;
using System.Text.Json;

namespace MediaSync.Sandbox.Tests;

public sealed class JellyfinTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxHost Sandbox => fixture.Sandbox;

    private Task<JsonElement> GetAsync(HttpClient http, string url) => http.GetJsonAsync(url, r => SandboxClient.Jellyfin(r, Sandbox));

    [Fact]
    public async Task Items_NoToken_Unauthorized()
    {
        using var http = SandboxClient.Create(Sandbox);

        using var response = await http.GetAsync("Items");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UserViews_OldAndNewRoute_ListTvLibrary()
    {
        using var http = SandboxClient.Create(Sandbox);
        var userId = Sandbox.Catalog.JellyfinUserId;

        var modern = await GetAsync(http, $"UserViews?userId={userId}");
        var legacy = await GetAsync(http, $"Users/{userId}/Views");

        foreach (var views in new[] { modern, legacy })
        {
            var library = Assert.Single(views.GetProperty("Items").EnumerateArray());
            Assert.Equal("tvshows", library.GetProperty("CollectionType").GetString());
            Assert.Equal(Sandbox.Catalog.JellyfinLibraryId, library.GetProperty("Id").GetString());
        }
    }

    [Fact]
    public async Task Items_BulkWalkInPages_CoversEveryItemExactlyOnce()
    {
        using var http = SandboxClient.Create(Sandbox);
        var library = Sandbox.Catalog.JellyfinLibraryId;
        var seen = new List<string>();
        var total = int.MaxValue;

        for (var start = 0; start < total; start += 1000)
        {
            var page = await GetAsync(http, $"Items?ParentId={library}&Recursive=true&IncludeItemTypes=Series,Season,Episode&Fields=ProviderIds,DateCreated,Etag&StartIndex={start}&Limit=1000");
            total = page.GetProperty("TotalRecordCount").GetInt32();
            Assert.Equal(start, page.GetProperty("StartIndex").GetInt32());
            seen.AddRange(page.GetProperty("Items").EnumerateArray().Select(i => i.GetProperty("Id").GetString()!));
        }

        var expected = Sandbox.Catalog.TvShows.Select(s => s.JellyfinId)
            .Concat(Sandbox.Catalog.TvSeasons.Select(s => s.JellyfinId))
            .Concat(Sandbox.Catalog.TvEpisodes.Select(e => e.JellyfinId)).ToList();
        Assert.Equal(100 + 500 + 5000, expected.Count);
        Assert.Equal(expected.Count, total);
        Assert.Equal(expected.Order(), seen.Order());
        Assert.True(Sandbox.Counters.Calls("jellyfin:items") >= 6);
    }

    [Fact]
    public async Task Items_Episode_HasDocumentedShapeAndOmitsUnrequestedFields()
    {
        using var http = SandboxClient.Create(Sandbox);
        var library = Sandbox.Catalog.JellyfinLibraryId;

        var withFields = await GetAsync(http, $"Items?parentId={library}&recursive=true&includeItemTypes=Episode&fields=ProviderIds,Etag,DateCreated&limit=1");
        var bare = await GetAsync(http, $"Items?parentId={library}&recursive=true&includeItemTypes=Episode&limit=1&enableImages=false");

        var episode = withFields.GetProperty("Items")[0];
        var expected = Sandbox.Catalog.TvEpisodes.First();
        Assert.Equal(expected.JellyfinId, episode.GetProperty("Id").GetString());
        Assert.Equal(32, episode.GetProperty("Id").GetString()!.Length);
        Assert.Equal("Episode", episode.GetProperty("Type").GetString());
        Assert.Equal(expected.EpisodeNumber, episode.GetProperty("IndexNumber").GetInt32());
        Assert.Equal(expected.SeasonNumber, episode.GetProperty("ParentIndexNumber").GetInt32());
        Assert.Equal(Sandbox.Catalog.FindTvShow(expected.ShowNumber)!.JellyfinId, episode.GetProperty("SeriesId").GetString());
        Assert.True(episode.TryGetProperty("SeasonId", out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", episode.GetProperty("DateCreated").GetString());
        Assert.Equal(JsonValueKind.String, episode.GetProperty("ProviderIds").GetProperty("Tvdb").ValueKind);
        Assert.True(episode.TryGetProperty("Etag", out _));
        var plain = bare.GetProperty("Items")[0];
        Assert.False(plain.TryGetProperty("Etag", out _));
        Assert.False(plain.TryGetProperty("ProviderIds", out _));
        Assert.False(plain.TryGetProperty("ImageTags", out _));
    }

    [Fact]
    public async Task Items_TotalCountDisabled_ReportsPageSize()
    {
        using var http = SandboxClient.Create(Sandbox);

        var page = await GetAsync(http, $"Items?parentId={Sandbox.Catalog.JellyfinLibraryId}&recursive=true&includeItemTypes=Episode&startIndex=10&limit=7&enableTotalRecordCount=false");

        Assert.Equal(7, page.GetProperty("TotalRecordCount").GetInt32());
    }

    [Fact]
    public async Task Items_MalformedParameter_400NamesIt()
    {
        using var http = SandboxClient.Create(Sandbox);
        using var request = new HttpRequestMessage(HttpMethod.Get, "Items?minDateLastSaved=yesterday");
        SandboxClient.Jellyfin(request, Sandbox);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("minDateLastSaved", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowsSeasonsAndEpisodes_PerShow_MatchCatalogAndAreCounted()
    {
        using var http = SandboxClient.Create(Sandbox);
        var show = Sandbox.Catalog.FindTvShow(5)!;

        var seasons = await GetAsync(http, $"Shows/{show.JellyfinId}/Seasons");
        var secondSeason = seasons.GetProperty("Items")[1].GetProperty("Id").GetString();
        var episodes = await GetAsync(http, $"Shows/{show.JellyfinId}/Episodes?seasonId={secondSeason}");
        var all = await GetAsync(http, $"Shows/{show.JellyfinId}/Episodes");

        Assert.Equal(Sandbox.Catalog.GetTvSeasons(5).Select(s => s.JellyfinId), seasons.GetProperty("Items").EnumerateArray().Select(i => i.GetProperty("Id").GetString()));
        Assert.Equal(Sandbox.Catalog.GetTvEpisodes(5, 2).Select(e => e.JellyfinId), episodes.GetProperty("Items").EnumerateArray().Select(i => i.GetProperty("Id").GetString()));
        Assert.Equal(Sandbox.Catalog.GetTvEpisodes(5).Count, all.GetProperty("TotalRecordCount").GetInt32());
        Assert.True(Sandbox.Counters.Calls("jellyfin:seasons:show=5") >= 1);
        Assert.True(Sandbox.Counters.Calls("jellyfin:episodes:show=5") >= 2);
    }

    [Fact]
    public async Task ShowEpisodes_UnknownSeasonId_404()
    {
        using var http = SandboxClient.Create(Sandbox);
        var show = Sandbox.Catalog.FindTvShow(1)!;
        var otherShowsSeason = Sandbox.Catalog.GetTvSeasons(2)[0].JellyfinId;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Shows/{show.JellyfinId}/Episodes?seasonId={otherShowsSeason}");
        SandboxClient.Jellyfin(request, Sandbox);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task LegacyAuth_Disabled_RejectsEmbyTokenButAcceptsMediaBrowser()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { JellyfinLegacyAuthorization = false, Catalog = { TvShows = 2 } });
        using var http = SandboxClient.Create(sandbox);
        using var legacy = new HttpRequestMessage(HttpMethod.Get, "Items");
        legacy.Headers.Add("X-Emby-Token", sandbox.Options.JellyfinApiKey);

        using var refused = await http.SendAsync(legacy);
        var accepted = await http.GetJsonAsync("Items", r => SandboxClient.Jellyfin(r, sandbox));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(2, accepted.GetProperty("TotalRecordCount").GetInt32());
    }
}
