using System.Net;
using System.Text.Json;

namespace MediaSync.Sandbox.Tests;

public sealed class XtreamApiTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxHost Sandbox => fixture.Sandbox;

    [Fact]
    public async Task Account_NoAction_ReturnsUserAndServerInfoWithStringQuirks()
    {
        using var http = SandboxClient.Create(Sandbox);

        var account = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox));

        var user = account.GetProperty("user_info");
        Assert.Equal(1, user.GetProperty("auth").GetInt32());
        Assert.Equal("Active", user.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, user.GetProperty("max_connections").ValueKind);
        Assert.Equal(Sandbox.Account.MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture), user.GetProperty("max_connections").GetString());
        Assert.Equal(JsonValueKind.String, user.GetProperty("exp_date").ValueKind);
        Assert.Equal(JsonValueKind.Number, account.GetProperty("server_info").GetProperty("timestamp_now").ValueKind);
    }

    [Fact]
    public async Task Account_WrongPassword_Returns200WithAuthZero()
    {
        using var http = SandboxClient.Create(Sandbox);

        var answer = await http.GetJsonAsync("player_api.php?username=sandbox&password=wrong");

        Assert.Equal(0, answer.GetProperty("user_info").GetProperty("auth").GetInt32());
    }

    [Fact]
    public async Task UnknownAction_ReturnsAccountObjectInsteadOfError()
    {
        using var http = SandboxClient.Create(Sandbox);

        var answer = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_vod_stream"));

        Assert.Equal(JsonValueKind.Object, answer.ValueKind);
        Assert.True(answer.TryGetProperty("user_info", out _));
    }

    [Fact]
    public async Task Categories_EveryKind_StringIdsAndNumericParent()
    {
        using var http = SandboxClient.Create(Sandbox);

        var live = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_live_categories"));
        var vod = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_vod_categories"));
        var series = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_series_categories"));

        Assert.Equal(Sandbox.Catalog.Categories(SandboxKind.Live).Count, live.GetArrayLength());
        Assert.Equal(Sandbox.Catalog.Categories(SandboxKind.Vod).Count, vod.GetArrayLength());
        Assert.Equal(Sandbox.Catalog.Categories(SandboxKind.Series).Count, series.GetArrayLength());
        Assert.All(live.EnumerateArray(), c =>
        {
            Assert.Equal(JsonValueKind.String, c.GetProperty("category_id").ValueKind);
            Assert.Equal(JsonValueKind.Number, c.GetProperty("parent_id").ValueKind);
        });
    }

    [Fact]
    public async Task VodStreams_AllAndPerCategoryDeduplicated_CoverEveryMovieExactlyOnce()
    {
        using var http = SandboxClient.Create(Sandbox);

        var all = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_vod_streams"));
        var perCategory = new List<int>();
        foreach (var category in Sandbox.Catalog.Categories(SandboxKind.Vod))
        {
            var page = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_vod_streams", $"&category_id={category.Id}"));
            perCategory.AddRange(page.EnumerateArray().Select(item => item.GetProperty("stream_id").Int()));
        }

        var expected = Sandbox.Catalog.Movies.Select(m => m.StreamId).Order().ToList();
        Assert.Equal(expected, all.EnumerateArray().Select(item => item.GetProperty("stream_id").Int()).Order());
        Assert.Equal(expected, perCategory.Distinct().Order());
        // Items with two category_ids appear under both: clients must de-duplicate on stream_id (§1.9).
        Assert.Equal(Sandbox.Catalog.Movies.Count(m => m.ExtraCategoryId is not null), perCategory.Count - expected.Count);
        Assert.True(perCategory.Count > expected.Count);
    }

    [Fact]
    public async Task VodStreams_TypeChaos_NumbersSometimesStringsAndRatingsInSeveralForms()
    {
        using var http = SandboxClient.Create(Sandbox);

        var all = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_vod_streams"));

        var items = all.EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("stream_id").ValueKind == JsonValueKind.String);
        Assert.Contains(items, i => i.GetProperty("stream_id").ValueKind == JsonValueKind.Number);
        Assert.Contains(items, i => i.GetProperty("rating").ValueKind == JsonValueKind.Number);
        Assert.Contains(items, i => i.GetProperty("rating").ValueKind == JsonValueKind.String && i.GetProperty("rating").GetString()!.Contains('.', StringComparison.Ordinal));
        Assert.Contains(items, i => i.GetProperty("stream_icon").ValueKind == JsonValueKind.Null);
        Assert.All(items, i => Assert.Equal(JsonValueKind.String, i.GetProperty("added").ValueKind));
        Assert.All(items, i => Assert.Equal(JsonValueKind.String, i.GetProperty("category_id").ValueKind));
    }

    [Fact]
    public async Task LiveStreams_MatchCatalog()
    {
        using var http = SandboxClient.Create(Sandbox);

        var all = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_live_streams"));

        var first = all.EnumerateArray().First();
        var expected = Sandbox.Catalog.LiveChannels.First();
        Assert.Equal(expected.Name, first.GetProperty("name").GetString());
        Assert.Equal("live", first.GetProperty("stream_type").GetString());
        Assert.Equal(Sandbox.Catalog.LiveChannelCount, all.GetArrayLength());
    }

    [Fact]
    public async Task SeriesInfo_EpisodesKeyedBySeasonString_MatchCatalog()
    {
        using var http = SandboxClient.Create(Sandbox);
        var series = Sandbox.Catalog.Series.First();

        var info = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_series_info", $"&series_id={series.SeriesId}"));

        var episodes = info.GetProperty("episodes");
        Assert.Equal(JsonValueKind.Object, episodes.ValueKind);
        Assert.Equal(Enumerable.Range(1, Sandbox.Catalog.Options.SeasonsPerSeries).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), episodes.EnumerateObject().Select(p => p.Name));
        var ids = episodes.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(Sandbox.Catalog.GetEpisodes(series.SeriesId).Select(e => e.Id), ids);
        Assert.Equal(series.Name, info.GetProperty("info").GetProperty("name").GetString());
    }

    [Fact]
    public async Task SeriesInfo_SomeSeries_HaveEmptySeasonsArrayDespiteEpisodes()
    {
        using var http = SandboxClient.Create(Sandbox);
        var emptySeasons = 0;

        foreach (var series in Sandbox.Catalog.Series.Take(20))
        {
            var info = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_series_info", $"&series_id={series.SeriesId}"));
            if (info.GetProperty("seasons").GetArrayLength() == 0)
            {
                emptySeasons++;
                Assert.NotEmpty(info.GetProperty("episodes").EnumerateObject());
            }
        }

        Assert.InRange(emptySeasons, 1, 19);
    }

    [Fact]
    public async Task SeriesInfo_UnknownSeries_ReturnsPhpEmptyArrays()
    {
        using var http = SandboxClient.Create(Sandbox);

        var info = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_series_info", "&series_id=999999"));

        Assert.Equal(JsonValueKind.Array, info.GetProperty("info").ValueKind);
        Assert.Equal(JsonValueKind.Array, info.GetProperty("episodes").ValueKind);
    }

    [Fact]
    public async Task SeriesInfo_Call_IsCountedPerSeries()
    {
        using var http = SandboxClient.Create(Sandbox);

        await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_series_info", "&series_id=12"));
        await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_series_info", "&series_id=12"));

        Assert.True(Sandbox.Counters.Calls("xtream:get_series_info:series_id=12") >= 2);
        Assert.True(Sandbox.Counters.CallsStartingWith("xtream:get_series_info") >= 2);
    }

    [Fact]
    public async Task VodInfo_KnownAndUnknown_ObjectOrEmptyArrays()
    {
        using var http = SandboxClient.Create(Sandbox);
        var movie = Sandbox.Catalog.Movies.First();

        var known = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_vod_info", $"&vod_id={movie.StreamId}"));
        var unknown = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_vod_info", "&vod_id=1"));

        Assert.Equal(movie.ContainerExtension, known.GetProperty("movie_data").GetProperty("container_extension").GetString());
        Assert.Equal(JsonValueKind.Array, unknown.GetProperty("info").ValueKind);
    }

    [Fact]
    public async Task ShortEpg_TitlesAreBase64()
    {
        using var http = SandboxClient.Create(Sandbox);

        var epg = await http.GetJsonAsync(SandboxClient.PlayerApi(Sandbox, "get_short_epg", "&stream_id=1&limit=3"));

        var listings = epg.GetProperty("epg_listings").EnumerateArray().ToList();
        Assert.Equal(3, listings.Count);
        var title = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(listings[0].GetProperty("title").GetString()!));
        Assert.StartsWith(Sandbox.Catalog.FindLiveChannel(1)!.Name, title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Playlist_M3u_ListsEveryLiveMovieAndEpisodeWithAttributes()
    {
        using var http = SandboxClient.Create(Sandbox);

        var text = await http.GetStringAsync($"get.php?username={Sandbox.Account.Username}&password={Sandbox.Account.Password}&type=m3u_plus&output=ts");

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("#EXTM3U", lines[0], StringComparison.Ordinal);
        var entries = lines.Count(l => l.StartsWith("#EXTINF:-1 ", StringComparison.Ordinal));
        var episodes = Sandbox.Catalog.Series.Sum(s => s.EpisodeCount);
        Assert.Equal(Sandbox.Catalog.LiveChannelCount + Sandbox.Catalog.MovieCount + episodes, entries);
        Assert.Contains(lines, l => l.EndsWith("/live/sandbox/sandbox-secret/1.ts", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("group-title=\"", StringComparison.Ordinal) && l.Contains("tvg-id=\"ch1.sandbox\"", StringComparison.Ordinal));
        var withComma = Sandbox.Catalog.LiveChannels.First(c => c.Name.Contains(',', StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("#EXTINF", StringComparison.Ordinal) && l.EndsWith($"\",{withComma.Name}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Playlist_WrongCredentials_Unauthorized()
    {
        using var http = SandboxClient.Create(Sandbox);

        using var response = await http.GetAsync("get.php?username=sandbox&password=nope");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
