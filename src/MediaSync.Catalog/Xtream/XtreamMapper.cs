using MediaSync.Catalog.Json;
using MediaSync.Catalog.Model;

namespace MediaSync.Catalog.Xtream;

/// <summary>Maps Xtream JSON (every quirk of provider-apis.md §1) to catalog records.</summary>
internal static class XtreamMapper
{
    public static XtreamAccountInfo Account(JsonElement root)
    {
        Flex.EnsureObject(root);
        if (Flex.String(root, "error") is { } error && Flex.Property(root, "user_info") is null)
        {
            throw new JsonFieldException("error", $"the panel answered with an error: \"{error}\"");
        }

        JsonElement user = Flex.Object(root, "user_info")
            ?? throw new JsonFieldException("user_info", "the account object has no 'user_info'");
        JsonElement? server = Flex.Object(root, "server_info");
        return new XtreamAccountInfo
        {
            Authenticated = Flex.Bool(user, "auth") ?? false,
            Status = Flex.String(user, "status"),
            ExpiresAt = Flex.UnixTime(user, "exp_date"),
            IsTrial = Flex.Bool(user, "is_trial") ?? false,
            ActiveConnections = Flex.Int32(user, "active_cons"),
            MaxConnections = Flex.Int32(user, "max_connections"),
            CreatedAt = Flex.UnixTime(user, "created_at"),
            AllowedOutputFormats = Flex.StringList(user, "allowed_output_formats"),
            Message = Flex.String(user, "message"),
            ServerTimeZone = server is { } s ? Flex.String(s, "timezone") : null,
        };
    }

    public static CatalogCategory Category(CatalogKind kind, JsonElement item)
    {
        Flex.EnsureObject(item);
        return new CatalogCategory(
            kind,
            Flex.RequiredId(item, "category_id"),
            Flex.String(item, "category_name") ?? string.Empty,
            Flex.String(item, "parent_id") is { } parent && parent != "0" ? parent : null);
    }

    public static CatalogItem Item(CatalogKind kind, JsonElement item)
    {
        Flex.EnsureObject(item);
        string? categoryId = Flex.String(item, "category_id");
        IReadOnlyList<string> categoryIds = Flex.StringList(item, "category_ids");
        if (categoryIds.Count == 0 && categoryId is not null)
        {
            categoryIds = [categoryId];
        }

        return kind switch
        {
            CatalogKind.Live => new CatalogItem
            {
                Kind = kind,
                ProviderId = Flex.RequiredId(item, "stream_id"),
                Name = Flex.String(item, "name") ?? string.Empty,
                CategoryId = categoryId,
                CategoryIds = categoryIds,
                IconUrl = Flex.String(item, "stream_icon"),
                Added = Flex.UnixTime(item, "added"),
                EpgChannelId = Flex.String(item, "epg_channel_id"),
                IsAdult = Flex.Bool(item, "is_adult") ?? false,
                HasArchive = Flex.Bool(item, "tv_archive") ?? false,
            },
            CatalogKind.Vod => new CatalogItem
            {
                Kind = kind,
                ProviderId = Flex.RequiredId(item, "stream_id"),
                Name = Flex.String(item, "name") ?? Flex.String(item, "title") ?? string.Empty,
                CategoryId = categoryId,
                CategoryIds = categoryIds,
                IconUrl = Flex.String(item, "stream_icon"),
                Added = Flex.UnixTime(item, "added"),
                Rating = Flex.Double(item, "rating"),
                ContainerExtension = Flex.String(item, "container_extension"),
                TmdbId = TmdbId(item),
                IsAdult = Flex.Bool(item, "is_adult") ?? false,
                Year = Flex.Int32(item, "year") ?? Year(Flex.String(item, "release_date")),
            },
            CatalogKind.Series => new CatalogItem
            {
                Kind = kind,
                ProviderId = Flex.RequiredId(item, "series_id"),
                Name = Flex.String(item, "name") ?? Flex.String(item, "title") ?? string.Empty,
                CategoryId = categoryId,
                CategoryIds = categoryIds,
                IconUrl = Flex.String(item, "cover"),
                LastModified = Flex.UnixTime(item, "last_modified"),
                Rating = Flex.Double(item, "rating"),
                TmdbId = TmdbId(item),
                Year = Year(Flex.String(item, "releaseDate", "release_date")),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown catalog kind"),
        };
    }

    public static SeriesDetails SeriesInfo(string seriesId, JsonElement root, Func<IEnumerable<JsonElement>, string, Func<JsonElement, SeriesEpisode>, IEnumerable<SeriesEpisode>> mapItems)
    {
        Flex.EnsureObject(root);
        if (Flex.Property(root, "user_info") is not null && Flex.Property(root, "episodes") is null)
        {
            throw new JsonFieldException("episodes", "the panel answered with the account object (unknown action or rejected credentials)");
        }

        var seasons = new List<SeriesSeason>();
        foreach (JsonElement season in Flex.Array(root, "seasons"))
        {
            if (season.ValueKind == JsonValueKind.Object && Flex.Int32(season, "season_number") is { } number)
            {
                seasons.Add(new SeriesSeason(number, Flex.String(season, "name"), Flex.Int32(season, "episode_count"), Flex.String(season, "air_date"), Flex.String(season, "cover")));
            }
        }

        var bySeason = new SortedDictionary<int, List<SeriesEpisode>>();
        JsonElement? episodes = Flex.Property(root, "episodes");
        if (episodes is { ValueKind: JsonValueKind.Object } keyed)
        {
            foreach (JsonProperty group in keyed.EnumerateObject())
            {
                int? keySeason = int.TryParse(group.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) ? k : null;
                AddGroup(group.Value, $"episodes.{group.Name}", keySeason);
            }
        }
        else if (episodes is { ValueKind: JsonValueKind.Array } indexed)
        {
            // PHP turns season keys 0..n-1 into a plain array of arrays.
            int index = 0;
            foreach (JsonElement group in indexed.EnumerateArray())
            {
                AddGroup(group, $"episodes[{index}]", index);
                index++;
            }
        }
        else if (episodes is { } other && other.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
        {
            throw new JsonFieldException("episodes", $"'episodes' is {Flex.Describe(other.ValueKind)}, expected an object keyed by season");
        }

        JsonElement? info = Flex.Object(root, "info");
        return new SeriesDetails(
            seriesId,
            info is { } i ? Flex.String(i, "name") : null,
            seasons,
            bySeason.ToDictionary(p => p.Key, p => (IReadOnlyList<SeriesEpisode>)p.Value));

        void AddGroup(JsonElement group, string path, int? keySeason)
        {
            if (group.ValueKind == JsonValueKind.Object)
            {
                // Rare: a season's episodes keyed "0".."n" as an object instead of an array.
                group = JsonSerializer.SerializeToElement(group.EnumerateObject().Select(p => p.Value).ToArray());
            }
            else if (group.ValueKind != JsonValueKind.Array)
            {
                throw new JsonFieldException(path, $"'{path}' is {Flex.Describe(group.ValueKind)}, expected a list of episodes");
            }

            foreach (SeriesEpisode episode in mapItems(group.EnumerateArray(), "$." + path, e => Episode(seriesId, e, keySeason)))
            {
                if (!bySeason.TryGetValue(episode.Season, out List<SeriesEpisode>? list))
                {
                    bySeason[episode.Season] = list = [];
                }

                list.Add(episode);
            }
        }
    }

    public static SeriesEpisode Episode(string seriesId, JsonElement item, int? keySeason)
    {
        Flex.EnsureObject(item);
        JsonElement? info = Flex.Object(item, "info");
        int season = Flex.Int32(item, "season") ?? (info is { } i0 ? Flex.Int32(i0, "season") : null) ?? keySeason
            ?? throw new JsonFieldException("season", "the episode has no season number");
        return new SeriesEpisode
        {
            SeriesId = seriesId,
            Season = season,
            EpisodeNumber = Flex.Int32(item, "episode_num"),
            Id = Flex.RequiredId(item, "id"),
            Title = Flex.String(item, "title") ?? string.Empty,
            ContainerExtension = Flex.String(item, "container_extension"),
            Added = Flex.UnixTime(item, "added"),
            DurationSeconds = info is { } i1 ? Flex.Int32(i1, "duration_secs") ?? Duration(Flex.String(i1, "duration")) : null,
            TmdbId = info is { } i2 ? NoneIfZero(Flex.String(i2, "tmdb_id")) : null,
            Plot = info is { } i3 ? Flex.String(i3, "plot", "overview") : null,
        };
    }

    private static string? TmdbId(JsonElement item) => NoneIfZero(Flex.String(item, "tmdb") ?? Flex.String(item, "tmdb_id"));

    private static string? NoneIfZero(string? id) => id is null || id == "0" ? null : id;

    private static int? Year(string? date) =>
        date is { Length: >= 4 } && int.TryParse(date.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year > 1800 ? year : null;

    private static int? Duration(string? hms) =>
        TimeSpan.TryParseExact(hms, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out TimeSpan t) ? (int)t.TotalSeconds : null;
}
