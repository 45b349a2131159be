using System.Net;
using System.Text.Json;

namespace MediaSync.Sandbox.Tests;

public sealed class PlexTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxHost Sandbox => fixture.Sandbox;

    private Task<JsonElement> GetAsync(HttpClient http, string url, Action<HttpRequestMessage>? more = null) =>
        http.GetJsonAsync(url, r =>
        {
            SandboxClient.Plex(r, Sandbox);
            more?.Invoke(r);
        });

    [Fact]
    public async Task Sections_NoToken_Unauthorized()
    {
        using var http = SandboxClient.Create(Sandbox);

        using var response = await http.GetAsync("library/sections");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Sections_NoJsonAccept_AnswersXmlLikePms()
    {
        using var http = SandboxClient.Create(Sandbox);
        using var request = new HttpRequestMessage(HttpMethod.Get, "library/sections");
        request.Headers.Add("X-Plex-Token", Sandbox.Options.PlexToken);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<?xml", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sections_ListShowSection()
    {
        using var http = SandboxClient.Create(Sandbox);

        var sections = await GetAsync(http, "library/sections");

        var section = Assert.Single(sections.GetProperty("MediaContainer").GetProperty("Directory").EnumerateArray());
        Assert.Equal("show", section.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, section.GetProperty("key").ValueKind);
        Assert.Equal(JsonValueKind.Number, section.GetProperty("updatedAt").ValueKind);
    }

    [Fact]
    public async Task AllEpisodes_PagedWithContainerHeaders_CoverEveryEpisodeExactlyOnce()
    {
        using var http = SandboxClient.Create(Sandbox);
        var keys = new List<string>();
        var total = int.MaxValue;

        for (var start = 0; start < total; start += 500)
        {
            var page = await GetAsync(http, "library/sections/1/all?type=4&includeGuids=1", r =>
            {
                r.Headers.Add("X-Plex-Container-Start", start.ToString(System.Globalization.CultureInfo.InvariantCulture));
                r.Headers.Add("X-Plex-Container-Size", "500");
            });
            var container = page.GetProperty("MediaContainer");
            total = container.GetProperty("totalSize").GetInt32();
            Assert.Equal(start, container.GetProperty("offset").GetInt32());
            keys.AddRange(container.GetProperty("Metadata").EnumerateArray().Select(m => m.GetProperty("ratingKey").GetString()!));
        }

        Assert.Equal(Sandbox.Catalog.TvEpisodes.Select(e => e.PlexRatingKey).Order(), keys.Order());
        Assert.True(Sandbox.Counters.Calls("plex:all:type=4") >= 10);
    }

    [Fact]
    public async Task AllEpisodes_Episode_HasParentKeysIndexesAndGuids()
    {
        using var http = SandboxClient.Create(Sandbox);

        var page = await GetAsync(http, "library/sections/1/all?type=4&includeGuids=1&X-Plex-Container-Start=0&X-Plex-Container-Size=1");

        var episode = page.GetProperty("MediaContainer").GetProperty("Metadata")[0];
        var expected = Sandbox.Catalog.TvEpisodes.First();
        Assert.Equal("episode", episode.GetProperty("type").GetString());
        Assert.Equal(expected.EpisodeNumber, episode.GetProperty("index").GetInt32());
        Assert.Equal(expected.SeasonNumber, episode.GetProperty("parentIndex").GetInt32());
        Assert.Equal(Sandbox.Catalog.FindTvShow(expected.ShowNumber)!.PlexRatingKey, episode.GetProperty("grandparentRatingKey").GetString());
        Assert.Equal(expected.UpdatedAt.ToUnixTimeSeconds(), episode.GetProperty("updatedAt").GetInt64());
        Assert.StartsWith("tvdb://", episode.GetProperty("Guid")[0].GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainerSizeZero_ReturnsOnlyCountWithoutMetadata()
    {
        using var http = SandboxClient.Create(Sandbox);

        var probe = await GetAsync(http, "library/sections/1/all?type=2&X-Plex-Container-Start=0&X-Plex-Container-Size=0");

        var container = probe.GetProperty("MediaContainer");
        Assert.Equal(Sandbox.Catalog.TvShowCount, container.GetProperty("totalSize").GetInt32());
        Assert.Equal(0, container.GetProperty("size").GetInt32());
        Assert.False(container.TryGetProperty("Metadata", out _));
    }

    [Fact]
    public async Task Children_ShowThenSeason_ListSeasonsWithAllEpisodesEntryThenEpisodes()
    {
        using var http = SandboxClient.Create(Sandbox);
        var show = Sandbox.Catalog.FindTvShow(3)!;

        var seasons = await GetAsync(http, $"library/metadata/{show.PlexRatingKey}/children");
        var trimmed = await GetAsync(http, $"library/metadata/{show.PlexRatingKey}/children?excludeAllLeaves=1");
        var seasonKey = trimmed.GetProperty("MediaContainer").GetProperty("Metadata")[0].GetProperty("ratingKey").GetString();
        var episodes = await GetAsync(http, $"library/metadata/{seasonKey}/children");

        var withAll = seasons.GetProperty("MediaContainer").GetProperty("Metadata").EnumerateArray().ToList();
        Assert.False(withAll[0].TryGetProperty("ratingKey", out _));
        Assert.Equal(Sandbox.Catalog.Options.TvSeasonsPerShow + 1, withAll.Count);
        Assert.Equal(Sandbox.Catalog.GetTvEpisodes(3, 1).Select(e => e.PlexRatingKey), episodes.GetProperty("MediaContainer").GetProperty("Metadata").EnumerateArray().Select(m => m.GetProperty("ratingKey").GetString()));
        Assert.True(Sandbox.Counters.Calls($"plex:children:{show.PlexRatingKey}") >= 2);
    }

    [Fact]
    public async Task Metadata_UnknownRatingKey_404()
    {
        using var http = SandboxClient.Create(Sandbox);
        using var request = new HttpRequestMessage(HttpMethod.Get, "library/metadata/99999999/children");
        SandboxClient.Plex(request, Sandbox);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
