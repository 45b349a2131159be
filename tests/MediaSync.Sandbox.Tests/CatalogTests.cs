using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;

namespace MediaSync.Sandbox.Tests;

public sealed class CatalogTests
{
    [Fact]
    public async Task SameSeed_SameCatalogAndSameWireBytes()
    {
        await using var first = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { Seed = 99 } });
        await using var second = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { Seed = 99 } });
        await using var other = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { Seed = 100 } });
        using var a = SandboxClient.Create(first);
        using var b = SandboxClient.Create(second);
        using var c = SandboxClient.Create(other);

        // Icon URLs carry the listener's port, the one thing that may differ between two runs.
        var bodyA = (await a.GetStringAsync(SandboxClient.PlayerApi(first, "get_vod_streams"))).Replace(first.BaseUri.Authority, "host", StringComparison.Ordinal);
        var bodyB = (await b.GetStringAsync(SandboxClient.PlayerApi(second, "get_vod_streams"))).Replace(second.BaseUri.Authority, "host", StringComparison.Ordinal);
        var bodyC = (await c.GetStringAsync(SandboxClient.PlayerApi(other, "get_vod_streams"))).Replace(other.BaseUri.Authority, "host", StringComparison.Ordinal);

        Assert.Equal(first.Catalog.Movies, second.Catalog.Movies);
        Assert.Equal(first.Catalog.TvEpisodes, second.Catalog.TvEpisodes);
        Assert.Equal(bodyA, bodyB);
        Assert.NotEqual(bodyA, bodyC);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ValidationErrorNamesTheOption()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => SandboxHost.StartAsync(new SandboxOptions { Catalog = { SeasonsPerSeries = 0 } }));
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => SandboxHost.StartAsync(new SandboxOptions { Catalog = { Accounts = [new SandboxAccount(), new SandboxAccount()] } }));

        Assert.Contains("SeasonsPerSeries", error.Message, StringComparison.Ordinal);
        Assert.Contains("sandbox", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeSet_Xtream_AddsModifiesDeletesAndSeriesMoveWithNewEpisode()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { Movies = 100, Series = 20 } });
        using var http = SandboxClient.Create(sandbox);
        var before = sandbox.Catalog.Movies.ToDictionary(m => m.StreamId, m => m.Name);
        var seriesBefore = sandbox.Catalog.Series.ToDictionary(s => s.SeriesId);

        var stamp = sandbox.Control.ApplyChanges(new SandboxChangeSet { MoviesAdded = 5, MoviesModified = 7, MoviesDeleted = 3, SeriesModified = 2 });
        var movies = (await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_vod_streams"))).EnumerateArray()
            .ToDictionary(m => m.GetProperty("stream_id").Int(), m => m.GetProperty("name").GetString());
        var series = (await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_series"))).EnumerateArray().ToList();

        Assert.Equal(102, movies.Count);
        Assert.Equal(3, before.Keys.Count(id => !movies.ContainsKey(id)));
        Assert.Equal(5, movies.Keys.Count(id => !before.ContainsKey(id)));
        Assert.Equal(7, before.Count(pair => movies.TryGetValue(pair.Key, out var name) && name != pair.Value));
        var moved = series.Where(s => long.Parse(s.GetProperty("last_modified").GetString()!, CultureInfo.InvariantCulture) == stamp.ToUnixTimeSeconds()).ToList();
        Assert.Equal(2, moved.Count);
        var movedId = moved[0].GetProperty("series_id").GetInt32();
        var info = await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_series_info", $"&series_id={movedId}"));
        var episodes = info.GetProperty("episodes").EnumerateObject().Sum(p => p.Value.GetArrayLength());
        Assert.Equal(seriesBefore[movedId].EpisodeCount + 1, episodes);
    }

    [Fact]
    public async Task ChangeSet_MovedMovies_AreListedOnlyUnderTheirNewCategory()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { Movies = 60, VodCategories = 6 } });
        using var http = SandboxClient.Create(sandbox);
        var before = sandbox.Catalog.Movies.ToDictionary(m => m.StreamId, m => m.CategoryId);

        sandbox.Control.ApplyChanges(new SandboxChangeSet { MoviesMoved = 4 });
        var listed = new List<(int Category, int StreamId, int Primary)>();
        for (var category = 1; category <= 6; category++)
        {
            foreach (var movie in (await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_vod_streams", $"&category_id={category}"))).EnumerateArray())
            {
                listed.Add((category, movie.GetProperty("stream_id").Int(), movie.GetProperty("category_id").Int()));
            }
        }

        var primary = listed.Where(l => l.Category == l.Primary).ToList();
        var moved = primary.Where(l => before[l.StreamId] != l.Primary).ToList();
        Assert.Equal(60, primary.Count);
        Assert.Equal(60, primary.Select(l => l.StreamId).Distinct().Count());
        Assert.Equal(4, moved.Count);
        Assert.All(moved, m => Assert.Equal((before[m.StreamId] % 6) + 1, m.Primary));
        Assert.DoesNotContain(listed, l => moved.Any(m => m.StreamId == l.StreamId) && l.Category != l.Primary);
    }

    [Fact]
    public async Task ChangeSet_Jellyfin_MinDateLastSavedReturnsExactlyTheChangedItems()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { TvShows = 20 } });
        using var http = SandboxClient.Create(sandbox);
        var library = sandbox.Catalog.JellyfinLibraryId;
        var cursor = sandbox.Options.TimeProvider.GetUtcNow().AddSeconds(-1);
        var stale = await http.GetJsonAsync($"Items?parentId={library}&recursive=true&minDateLastSaved={Uri.EscapeDataString(cursor.ToString("O", CultureInfo.InvariantCulture))}", r => SandboxClient.Jellyfin(r, sandbox));

        var stamp = sandbox.Control.ApplyChanges(new SandboxChangeSet { TvEpisodesModified = 6, TvEpisodesAdded = 4, TvEpisodesDeleted = 2, TvShowsAdded = 1 });
        var changed = await http.GetJsonAsync($"Items?parentId={library}&recursive=true&includeItemTypes=Episode&minDateLastSaved={stamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}", r => SandboxClient.Jellyfin(r, sandbox));
        var newShowEpisodes = sandbox.Catalog.Options.TvSeasonsPerShow * sandbox.Catalog.Options.TvEpisodesPerSeason;

        Assert.Equal(0, stale.GetProperty("TotalRecordCount").GetInt32());
        Assert.Equal(6 + 4 + newShowEpisodes, changed.GetProperty("TotalRecordCount").GetInt32());
        Assert.Equal((20 * 50) + newShowEpisodes + 4 - 2, sandbox.Catalog.TvEpisodes.Count());
        Assert.Equal(21, sandbox.Catalog.TvShowCount);
    }

    [Fact]
    public async Task ChangeSet_Plex_UpdatedAtFilterIsStrictAndUnknownSpellingIgnored()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { TvShows = 10 } });
        using var http = SandboxClient.Create(sandbox);
        var stamp = sandbox.Control.ApplyChanges(new SandboxChangeSet { TvEpisodesModified = 5, TvShowsModified = 2 }).ToUnixTimeSeconds();

        async Task<int> TotalAsync(string query, int type = 4)
        {
            var page = await http.GetJsonAsync($"library/sections/1/all?type={type}&{query}&X-Plex-Container-Start=0&X-Plex-Container-Size=0", r => SandboxClient.Plex(r, sandbox));
            return page.GetProperty("MediaContainer").GetProperty("totalSize").GetInt32();
        }

        var justBefore = await TotalAsync($"updatedAt>>={stamp - 1}");
        var atStamp = await TotalAsync($"updatedAt>>={stamp}");
        var otherSpelling = await TotalAsync($"updatedAt>={stamp - 1}");
        var shows = await TotalAsync($"updatedAt>>={stamp - 1}", type: 2);

        Assert.Equal(5, justBefore);
        Assert.Equal(2, shows);
        Assert.Equal(0, atStamp);
        Assert.Equal(sandbox.Catalog.TvEpisodes.Count(), otherSpelling);
    }

    [Fact]
    public async Task ChangeSet_TwoInARow_DistinctStampsSoEachRunSeesOnlyItsOwn()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { TvShows = 10 } });

        var first = sandbox.Control.ApplyChanges(new SandboxChangeSet { TvEpisodesModified = 3 });
        var second = sandbox.Control.ApplyChanges(new SandboxChangeSet { TvEpisodesModified = 2 });

        Assert.True(second > first);
        Assert.Equal(2, sandbox.Catalog.TvEpisodes.Count(e => e.UpdatedAt >= second));
        Assert.InRange(sandbox.Catalog.TvEpisodes.Count(e => e.UpdatedAt >= first), 3, 5);
    }
    [Fact]
    public async Task Paging_SortedByAddedAt_StaysStableWhileEpisodesAreAdded()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { TvShows = 10 } });
        using var http = SandboxClient.Create(sandbox);
        var original = sandbox.Catalog.TvEpisodes.Select(e => e.PlexRatingKey).ToHashSet();
        var plexKeys = new List<string>();
        var jellyfinIds = new List<string>();
        var library = sandbox.Catalog.JellyfinLibraryId;

        for (var start = 0; start < 500; start += 100)
        {
            var plex = await http.GetJsonAsync($"library/sections/1/all?type=4&sort=addedAt:asc&X-Plex-Container-Start={start}&X-Plex-Container-Size=100", r => SandboxClient.Plex(r, sandbox));
            var jellyfin = await http.GetJsonAsync($"Items?parentId={library}&recursive=true&includeItemTypes=Episode&sortBy=DateCreated,SortName&startIndex={start}&limit=100", r => SandboxClient.Jellyfin(r, sandbox));
            plexKeys.AddRange(plex.GetProperty("MediaContainer").GetProperty("Metadata").EnumerateArray().Select(m => m.GetProperty("ratingKey").GetString()!));
            jellyfinIds.AddRange(jellyfin.GetProperty("Items").EnumerateArray().Select(i => i.GetProperty("Id").GetString()!));
            if (start == 100)
            {
                sandbox.Control.ApplyChanges(new SandboxChangeSet { TvEpisodesAdded = 7 });
            }
        }

        Assert.Equal(original.Order(), plexKeys.Order());
        Assert.Equal(500, jellyfinIds.Distinct().Count());
        var plexAddedAt = sandbox.Catalog.TvEpisodes.ToDictionary(e => e.PlexRatingKey, e => e.AddedAt);
        Assert.Equal(plexKeys.Select(k => plexAddedAt[k]).Order(), plexKeys.Select(k => plexAddedAt[k]));
    }
}
