using System.Globalization;
using System.Text.Json;

namespace MediaSync.Sandbox.Endpoints.Plex;

/// <summary>One Plex metadata entry (show, season, episode, or the "All episodes" pseudo-entry) and its JSON form (§3.3).</summary>
internal sealed record PlexItem(string Type, SandboxTvShow Show, SandboxTvSeason? Season, SandboxTvEpisode? Episode)
{
    public long AddedAt => (Episode?.AddedAt ?? Season?.AddedAt ?? Show.AddedAt).ToUnixTimeSeconds();

    public long UpdatedAt => (Episode?.UpdatedAt ?? Season?.UpdatedAt ?? Show.UpdatedAt).ToUnixTimeSeconds();

    /// <summary>A stable tie-breaker for sorting: the numeric ratingKey.</summary>
    public long Order => long.Parse(Episode?.PlexRatingKey ?? Season?.PlexRatingKey ?? Show.PlexRatingKey, CultureInfo.InvariantCulture);

    public static PlexItem ForShow(SandboxTvShow show) => new("show", show, null, null);

    public static PlexItem ForSeason(SandboxTvShow show, SandboxTvSeason season) => new("season", show, season, null);

    public static PlexItem ForEpisode(SandboxTvShow show, SandboxTvEpisode episode) => new("episode", show, null, episode);

    /// <summary>Resolves a ratingKey minted by the catalog (see <c>SandboxCatalog.PlexShowKey</c> and friends).</summary>
    public static PlexItem? Find(SandboxCatalog catalog, string? ratingKey)
    {
        if (!long.TryParse(ratingKey, NumberStyles.None, CultureInfo.InvariantCulture, out var key) || key <= 0)
        {
            return null;
        }

        if (key >= SandboxCatalog.PlexEpisodeOffset)
        {
            var rest = key - SandboxCatalog.PlexEpisodeOffset;
            var show = catalog.FindTvShow((int)(rest / 10_000) + 1);
            var season = (int)(rest % 10_000 / 100);
            var number = (int)(rest % 100);
            var episode = show is null ? null : catalog.GetTvEpisodes(show.Number, season).FirstOrDefault(e => e.EpisodeNumber == number);
            return episode is null ? null : ForEpisode(show!, episode);
        }

        if (key >= SandboxCatalog.PlexSeasonOffset)
        {
            var rest = key - SandboxCatalog.PlexSeasonOffset;
            var show = catalog.FindTvShow((int)(rest / 100) + 1);
            var season = (int)(rest % 100);
            return show is null || season < 1 || season > catalog.Options.TvSeasonsPerShow ? null : ForSeason(show, catalog.GetTvSeasons(show.Number)[season - 1]);
        }

        return catalog.FindTvShow((int)Math.Min(key, int.MaxValue)) is { } found ? ForShow(found) : null;
    }

    public void Write(Utf8JsonWriter json, SandboxCatalog catalog, bool includeGuids)
    {
        json.WriteStartObject();
        if (Type == "allLeaves")
        {
            json.WriteString("key", $"/library/metadata/{Show.PlexRatingKey}/allLeaves");
            json.WriteString("title", "All episodes");
            json.WriteString("type", "season");
            json.WriteNumber("leafCount", catalog.GetTvEpisodes(Show.Number).Count);
            json.WriteEndObject();
            return;
        }

        var ratingKey = Episode?.PlexRatingKey ?? Season?.PlexRatingKey ?? Show.PlexRatingKey;
        json.WriteString("ratingKey", ratingKey);
        json.WriteString("key", Type == "episode" ? $"/library/metadata/{ratingKey}" : $"/library/metadata/{ratingKey}/children");
        json.WriteString("guid", $"plex://{Type}/5a6e{ratingKey}");
        json.WriteString("type", Type);
        json.WriteNumber("librarySectionID", 1);
        switch (Type)
        {
            case "show":
                json.WriteString("title", Show.Name);
                json.WriteString("titleSort", Show.Name);
                json.WriteString("summary", $"The story of {Show.Name}.");
                json.WriteNumber("year", Show.Year);
                json.WriteNumber("childCount", catalog.Options.TvSeasonsPerShow);
                json.WriteNumber("leafCount", catalog.GetTvEpisodes(Show.Number).Count);
                json.WriteNumber("viewedLeafCount", 0);
                break;
            case "season":
                json.WriteString("title", $"Season {Season!.SeasonNumber}");
                json.WriteNumber("index", Season.SeasonNumber);
                json.WriteString("parentRatingKey", Show.PlexRatingKey);
                json.WriteString("parentTitle", Show.Name);
                json.WriteNumber("leafCount", catalog.GetTvEpisodes(Show.Number, Season.SeasonNumber).Count);
                json.WriteNumber("viewedLeafCount", 0);
                break;
            default:
                json.WriteString("title", Episode!.Name);
                json.WriteNumber("index", Episode.EpisodeNumber);
                json.WriteNumber("parentIndex", Episode.SeasonNumber);
                json.WriteString("parentRatingKey", SandboxCatalog.PlexSeasonKey(Show.Number - 1, Episode.SeasonNumber));
                json.WriteString("grandparentRatingKey", Show.PlexRatingKey);
                json.WriteString("parentTitle", $"Season {Episode.SeasonNumber}");
                json.WriteString("grandparentTitle", Show.Name);
                json.WriteNumber("duration", 2_700_000);
                json.WriteString("originallyAvailableAt", Episode.AddedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
        }

        json.WriteNumber("addedAt", AddedAt);
        json.WriteNumber("updatedAt", UpdatedAt);
        if (includeGuids)
        {
            json.WriteStartArray("Guid");
            json.WriteStartObject();
            json.WriteString("id", Episode is { } e
                ? string.Create(CultureInfo.InvariantCulture, $"tvdb://{Show.TvdbId}{e.SeasonNumber:00}{e.EpisodeNumber:00}")
                : $"tvdb://{Show.TvdbId}");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
