using System.Globalization;
using System.Text.Json;
using MediaSync.Sandbox.Catalog;

namespace MediaSync.Sandbox.Endpoints.Xtream;

/// <summary>
/// Renders catalog items the way PHP panels do, type chaos included (doc §1.4, §1.9): numbers that are sometimes
/// strings, <c>""</c>/<c>null</c> for missing values, <c>[]</c> where an object is expected. Which item gets which
/// quirk is a function of the seed and its id, so a client's flexible parsing is exercised on every run.
/// </summary>
internal sealed class XtreamJson(long seed, string baseUrl)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteCategory(Utf8JsonWriter json, SandboxCategory category)
    {
        json.WriteStartObject();
        json.WriteString("category_id", category.Id.ToString(Invariant));
        json.WriteString("category_name", category.Name);
        json.WriteNumber("parent_id", 0);
        json.WriteEndObject();
    }

    public void WriteLive(Utf8JsonWriter json, SandboxLiveChannel live, int num)
    {
        var q = Quirks(1, live.StreamId);
        WriteStreamHead(json, num, live.Name, "live", live.StreamId, q % 7 == 0, $"{baseUrl}/images/live/{live.StreamId}.png", q);
        if ((q >> 8) % 15 == 0)
        {
            json.WriteNull("epg_channel_id");
        }
        else
        {
            json.WriteString("epg_channel_id", live.EpgChannelId);
        }

        json.WriteString("added", live.Added.ToString(Invariant));
        NumberOrString(json, "is_adult", 0, (q >> 12) % 2 == 0);
        json.WriteString("category_id", live.CategoryId.ToString(Invariant));
        WriteCategoryIds(json, live.CategoryId, live.ExtraCategoryId);
        json.WriteString("custom_sid", string.Empty);
        json.WriteNumber("tv_archive", live.TvArchive ? 1 : 0);
        json.WriteString("direct_source", string.Empty);
        NumberOrString(json, "tv_archive_duration", live.TvArchive ? 7 : 0, (q >> 16) % 2 == 0);
        json.WriteEndObject();
    }

    public void WriteMovie(Utf8JsonWriter json, SandboxMovie movie, int num)
    {
        var q = Quirks(2, movie.StreamId);
        WriteStreamHead(json, num, movie.Name, "movie", movie.StreamId, q % 9 == 0, $"{baseUrl}/images/movie/{movie.StreamId}.jpg", q);
        WriteRating(json, movie.Rating, q >> 8);
        json.WriteNumber("rating_5based", Math.Round(movie.Rating / 2, 1));
        json.WriteString("added", movie.Added.ToString(Invariant));
        NumberOrString(json, "is_adult", 0, (q >> 12) % 2 == 0);
        json.WriteString("category_id", movie.CategoryId.ToString(Invariant));
        WriteCategoryIds(json, movie.CategoryId, movie.ExtraCategoryId);
        json.WriteString("container_extension", movie.ContainerExtension);
        json.WriteString("custom_sid", string.Empty);
        json.WriteString("direct_source", string.Empty);
        WriteTmdb(json, movie.TmdbId, q >> 16);
        json.WriteEndObject();
    }

    public void WriteSeries(Utf8JsonWriter json, SandboxSeries series, int num, bool withId = true)
    {
        var q = Quirks(3, series.SeriesId);
        json.WriteStartObject();
        if (withId)
        {
            json.WriteNumber("num", num);
        }

        json.WriteString("name", series.Name);
        if (withId)
        {
            json.WriteNumber("series_id", series.SeriesId);
        }

        NullableString(json, "cover", $"{baseUrl}/images/series/{series.SeriesId}.jpg", q >> 4);
        json.WriteString("plot", $"The story of {series.Name}.");
        json.WriteString("cast", "Ada Example, Bo Sample");
        json.WriteString("director", "Cy Placeholder");
        json.WriteString("genre", "Drama");
        var year = DateTimeOffset.FromUnixTimeSeconds(series.LastModified).Year;
        switch ((q >> 8) % 3)
        {
            case 0:
                json.WriteString("releaseDate", $"{year}-03-01");
                break;
            case 1:
                json.WriteString("release_date", year.ToString(Invariant));
                break;
            default:
                json.WriteString("releaseDate", string.Empty);
                break;
        }

        json.WriteString("last_modified", series.LastModified.ToString(Invariant));
        json.WriteString("rating", ((q >> 10) % 9).ToString(Invariant));
        json.WriteNumber("rating_5based", (q >> 10) % 9 / 2.0);
        switch ((q >> 14) % 3)
        {
            case 0:
                json.WriteStartArray("backdrop_path");
                json.WriteStringValue($"{baseUrl}/images/series/{series.SeriesId}-backdrop.jpg");
                json.WriteEndArray();
                break;
            case 1:
                json.WriteString("backdrop_path", $"{baseUrl}/images/series/{series.SeriesId}-backdrop.jpg");
                break;
            default:
                json.WriteStartArray("backdrop_path");
                json.WriteEndArray();
                break;
        }

        json.WriteString("youtube_trailer", string.Empty);
        json.WriteString("episode_run_time", (q >> 16) % 2 == 0 ? "45" : string.Empty);
        json.WriteString("category_id", series.CategoryId.ToString(Invariant));
        json.WriteStartArray("category_ids");
        json.WriteNumberValue(series.CategoryId);
        json.WriteEndArray();
        WriteTmdb(json, series.TmdbId, q >> 18);
        json.WriteEndObject();
    }

    public void WriteSeriesInfo(Utf8JsonWriter json, SandboxSeries series, IReadOnlyList<SandboxEpisode> episodes, int seasons)
    {
        var q = Quirks(4, series.SeriesId);
        json.WriteStartObject();

        // Panels often send "seasons": [] although episodes exist (§1.5): clients must not derive episodes from it.
        json.WriteStartArray("seasons");
        if (q % 5 != 0)
        {
            for (var season = 1; season <= seasons; season++)
            {
                json.WriteStartObject();
                if ((q >> 4) % 3 == 0)
                {
                    json.WriteNull("air_date");
                }
                else
                {
                    json.WriteString("air_date", string.Empty);
                }

                NumberOrString(json, "episode_count", episodes.Count(e => e.Season == season), (q >> 6) % 2 == 0);
                json.WriteNumber("id", (series.SeriesId * 100) + season);
                json.WriteString("name", $"Season {season}");
                json.WriteString("overview", string.Empty);
                NumberOrString(json, "season_number", season, (q >> 7) % 2 == 0);
                json.WriteString("cover", string.Empty);
                json.WriteString("cover_big", string.Empty);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();

        json.WritePropertyName("info");
        WriteSeries(json, series, 0, withId: false);

        json.WriteStartObject("episodes");
        foreach (var season in episodes.GroupBy(e => e.Season))
        {
            json.WriteStartArray(season.Key.ToString(Invariant));
            foreach (var episode in season)
            {
                WriteEpisode(json, episode);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public void WriteVodInfo(Utf8JsonWriter json, SandboxMovie movie)
    {
        json.WriteStartObject();
        json.WriteStartObject("info");
        json.WriteString("movie_image", $"{baseUrl}/images/movie/{movie.StreamId}.jpg");
        json.WriteString("name", movie.Name);
        json.WriteString("o_name", movie.Name);
        WriteTmdb(json, movie.TmdbId, 0, "tmdb_id");
        json.WriteString("releasedate", DateTimeOffset.FromUnixTimeSeconds(movie.Added).ToString("yyyy-MM-dd", Invariant));
        json.WriteString("plot", $"About {movie.Name}.");
        json.WriteNumber("duration_secs", 5400);
        json.WriteString("duration", "01:30:00");
        json.WriteNumber("bitrate", 2000);
        WriteRating(json, movie.Rating, 0);
        json.WriteStartArray("video");
        json.WriteEndArray();
        json.WriteStartArray("audio");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("movie_data");
        json.WriteNumber("stream_id", movie.StreamId);
        json.WriteString("name", movie.Name);
        json.WriteString("added", movie.Added.ToString(Invariant));
        json.WriteString("category_id", movie.CategoryId.ToString(Invariant));
        WriteCategoryIds(json, movie.CategoryId, movie.ExtraCategoryId);
        json.WriteString("container_extension", movie.ContainerExtension);
        json.WriteString("custom_sid", string.Empty);
        json.WriteString("direct_source", string.Empty);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteEpisode(Utf8JsonWriter json, SandboxEpisode episode)
    {
        var q = Quirks(5, long.Parse(episode.Id, Invariant));
        json.WriteStartObject();
        json.WriteString("id", episode.Id);
        NumberOrString(json, "episode_num", episode.EpisodeNum, q % 2 == 0);
        json.WriteString("title", episode.Title);
        json.WriteString("container_extension", episode.ContainerExtension);
        if ((q >> 4) % 6 == 0)
        {
            json.WriteStartArray("info");
            json.WriteEndArray();
        }
        else
        {
            json.WriteStartObject("info");
            json.WriteString("releasedate", DateTimeOffset.FromUnixTimeSeconds(episode.Added).ToString("yyyy-MM-dd", Invariant));
            json.WriteString("plot", $"Episode {episode.EpisodeNum} of season {episode.Season}.");
            NumberOrString(json, "duration_secs", 2700, (q >> 6) % 2 == 0);
            json.WriteString("duration", "00:45:00");
            json.WriteString("movie_image", string.Empty);
            json.WriteNumber("season", episode.Season);
            json.WriteEndObject();
        }

        json.WriteString("custom_sid", string.Empty);
        json.WriteString("added", episode.Added.ToString(Invariant));
        NumberOrString(json, "season", episode.Season, (q >> 8) % 2 == 0);
        json.WriteString("direct_source", string.Empty);
        json.WriteEndObject();
    }

    /// <summary>The fields live and movie items open with; opens the object.</summary>
    private static void WriteStreamHead(Utf8JsonWriter json, int num, string name, string streamType, int streamId, bool idAsString, string icon, ulong q)
    {
        json.WriteStartObject();
        json.WriteNumber("num", num);
        json.WriteString("name", name);
        json.WriteString("stream_type", streamType);
        NumberOrString(json, "stream_id", streamId, idAsString);
        NullableString(json, "stream_icon", icon, q >> 4);
    }

    private static void WriteCategoryIds(Utf8JsonWriter json, int categoryId, int? extraCategoryId)
    {
        json.WriteStartArray("category_ids");
        json.WriteNumberValue(categoryId);
        if (extraCategoryId is { } extra)
        {
            json.WriteNumberValue(extra);
        }

        json.WriteEndArray();
    }

    private static void WriteRating(Utf8JsonWriter json, double rating, ulong q)
    {
        if (rating == 0)
        {
            json.WriteString("rating", q % 2 == 0 ? string.Empty : "0");
        }
        else if (q % 3 == 0)
        {
            json.WriteNumber("rating", rating);
        }
        else
        {
            json.WriteString("rating", rating.ToString("0.0", Invariant));
        }
    }

    private static void WriteTmdb(Utf8JsonWriter json, int? tmdbId, ulong q, string name = "tmdb")
    {
        if (tmdbId is not { } id)
        {
            switch (q % 3)
            {
                case 0:
                    json.WriteString(name, string.Empty);
                    break;
                case 1:
                    json.WriteString(name, "0");
                    break;
                default:
                    json.WriteNumber(name, 0);
                    break;
            }
        }
        else
        {
            NumberOrString(json, name, id, q % 2 == 0);
        }
    }

    private static void NumberOrString(Utf8JsonWriter json, string name, long value, bool asString)
    {
        if (asString)
        {
            json.WriteString(name, value.ToString(Invariant));
        }
        else
        {
            json.WriteNumber(name, value);
        }
    }

    private static void NullableString(Utf8JsonWriter json, string name, string value, ulong q)
    {
        switch (q % 20)
        {
            case 0:
                json.WriteNull(name);
                break;
            case 1:
            case 2:
                json.WriteString(name, string.Empty);
                break;
            default:
                json.WriteString(name, value);
                break;
        }
    }

    private ulong Quirks(int kind, long id) => StableHash.Of(seed, 300 + kind, id);
}
