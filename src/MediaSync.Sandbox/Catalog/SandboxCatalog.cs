using System.Collections.Immutable;
using MediaSync.Sandbox.Catalog;

namespace MediaSync.Sandbox;

/// <summary>
/// The deterministic catalog the sandbox serves, and the expected data tests compare a sync with. Items are
/// generated on demand from the seed (nothing is materialised), so enumerating is cheap in memory even for
/// hundreds of thousands of items. Enumerations see a consistent snapshot even while change sets are applied.
/// </summary>
public sealed partial class SandboxCatalog
{
    /// <summary>2024-01-01T00:00:00Z: generated timestamps lie in the year before it.</summary>
    internal const long BaseUnixTime = 1_704_067_200;

    internal const int MovieIdOffset = 10_000_000;
    internal const long EpisodeIdOffset = 100_000_000;
    internal const int EpisodeIdSeriesStride = 100_000;
    internal const int EpisodeIdSeasonStride = 1_000;

    private static readonly string[] Extensions = ["mkv", "mp4", "avi", "ts"];

    private readonly SandboxCatalogOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _changeGate = new();
    private volatile KindState _live;
    private volatile KindState _movies;
    private volatile KindState _series;
    private volatile TvState _tv;
    private long _lastStamp;
    private int _changeSets;

    internal SandboxCatalog(SandboxCatalogOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _live = KindState.Initial(options.LiveChannels);
        _movies = KindState.Initial(options.Movies);
        _series = KindState.Initial(options.Series);
        _tv = TvState.Initial(options.TvShows);
    }

    /// <summary>Gets the seed the catalog derives from.</summary>
    public long Seed => _options.Seed;

    /// <summary>Gets the number of live channels right now.</summary>
    public int LiveChannelCount => _live.Count;

    /// <summary>Gets the number of movies right now.</summary>
    public int MovieCount => _movies.Count;

    /// <summary>Gets the number of series right now.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>Gets the live channels in <c>num</c> order.</summary>
    public IEnumerable<SandboxLiveChannel> LiveChannels => EnumerateKind(_live, LiveAt);

    /// <summary>Gets the movies in <c>num</c> order.</summary>
    public IEnumerable<SandboxMovie> Movies => EnumerateKind(_movies, MovieAt);

    /// <summary>Gets the series in <c>num</c> order.</summary>
    public IEnumerable<SandboxSeries> Series => EnumerateKind(_series, SeriesAt);

    internal SandboxCatalogOptions Options => _options;

    internal KindState LiveState => _live;

    internal KindState MovieState => _movies;

    internal KindState SeriesState => _series;

    /// <summary>Gets the categories of one kind (ids 1..N).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The categories in id order.</returns>
    public IReadOnlyList<SandboxCategory> Categories(SandboxKind kind)
    {
        var (count, label) = kind switch
        {
            SandboxKind.Live => (_options.LiveCategories, "Live"),
            SandboxKind.Vod => (_options.VodCategories, "Movies"),
            _ => (_options.SeriesCategories, "Series"),
        };
        return [.. Enumerable.Range(1, count).Select(id => new SandboxCategory(kind, id, TitleWords.Category(label, id, _options.Seed + (int)kind)))];
    }

    /// <summary>Finds a live channel by <c>stream_id</c>.</summary>
    /// <param name="streamId">The id.</param>
    /// <returns>The channel, or <see langword="null"/> when it does not exist (or was deleted).</returns>
    public SandboxLiveChannel? FindLiveChannel(int streamId)
    {
        var state = _live;
        return state.Exists(streamId - 1) ? LiveAt(state, streamId - 1) : null;
    }

    /// <summary>Finds a movie by <c>stream_id</c>.</summary>
    /// <param name="streamId">The id.</param>
    /// <returns>The movie, or <see langword="null"/>.</returns>
    public SandboxMovie? FindMovie(int streamId)
    {
        var state = _movies;
        var index = streamId - MovieIdOffset - 1;
        return state.Exists(index) ? MovieAt(state, index) : null;
    }

    /// <summary>Finds a series by <c>series_id</c>.</summary>
    /// <param name="seriesId">The id.</param>
    /// <returns>The series, or <see langword="null"/>.</returns>
    public SandboxSeries? FindSeries(int seriesId)
    {
        var state = _series;
        return state.Exists(seriesId - 1) ? SeriesAt(state, seriesId - 1) : null;
    }

    /// <summary>Gets the episodes <c>get_series_info</c> returns for a series, by season then episode.</summary>
    /// <param name="seriesId">The series id.</param>
    /// <returns>The episodes; empty for an unknown series.</returns>
    public IReadOnlyList<SandboxEpisode> GetEpisodes(int seriesId)
    {
        var state = _series;
        var index = seriesId - 1;
        if (!state.Exists(index))
        {
            return [];
        }

        var series = SeriesAt(state, index);
        var extras = state.ExtraEpisodes.GetValueOrDefault(index, []);
        var episodes = new List<SandboxEpisode>(series.EpisodeCount);
        var seriesAdded = AddedAt(state, 42, index);
        for (var season = 1; season <= _options.SeasonsPerSeries; season++)
        {
            var inSeason = _options.EpisodesPerSeason + (season == _options.SeasonsPerSeries ? extras.Count : 0);
            for (var number = 1; number <= inSeason; number++)
            {
                var h = StableHash.Of(_options.Seed, 31, index, season, number);
                var extra = number - _options.EpisodesPerSeason - 1;
                var added = extra >= 0 ? extras[extra] : seriesAdded + (long)(h % (86_400 * 60));
                var id = EpisodeIdOffset + ((long)index * EpisodeIdSeriesStride) + (season * EpisodeIdSeasonStride) + number;
                episodes.Add(new SandboxEpisode(
                    id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    seriesId,
                    season,
                    number,
                    $"{series.Name} S{season:00}E{number:00}",
                    added,
                    Extensions[StableHash.Below(h >> 8, 2)]));
            }
        }

        return episodes;
    }

    /// <summary>Finds an Xtream episode by its stream id.</summary>
    /// <param name="episodeId">The episode id from the <c>/series/</c> URL.</param>
    /// <returns>The episode, or <see langword="null"/>.</returns>
    public SandboxEpisode? FindEpisode(long episodeId)
    {
        var offset = episodeId - EpisodeIdOffset;
        if (offset <= 0)
        {
            return null;
        }

        var seriesId = (int)(offset / EpisodeIdSeriesStride) + 1;
        return GetEpisodes(seriesId).FirstOrDefault(e => e.Id == episodeId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Items of one category only: category = index mod categories, so a category listing visits only its own indices.</summary>
    /// <remarks>
    /// Some items also sit in the next category (<c>category_ids</c> of newer panels), so per-category listings
    /// repeat them and a client must de-duplicate on <c>stream_id</c> (doc §1.9).
    /// </remarks>
    internal IEnumerable<SandboxLiveChannel> LiveChannelsIn(int? categoryId) =>
        categoryId is { } id ? InCategory(_live, LiveAt, id, _options.LiveCategories, l => l.ExtraCategoryId) : LiveChannels;

    internal IEnumerable<SandboxMovie> MoviesIn(int? categoryId) =>
        categoryId is { } id ? InCategory(_movies, MovieAt, id, _options.VodCategories, m => m.ExtraCategoryId) : Movies;

    internal IEnumerable<SandboxSeries> SeriesIn(int? categoryId) =>
        categoryId is { } id ? EnumerateKind(_series, SeriesAt, id - 1, _options.SeriesCategories) : Series;

    private static IEnumerable<T> InCategory<T>(KindState state, Func<KindState, int, T> at, int categoryId, int categories, Func<T, int?> extra)
    {
        var primary = state.Moved.IsEmpty ? EnumerateKind(state, at, categoryId - 1, categories) : WithMoves(state, at, categoryId, categories);
        if (categories < 2 || categoryId < 1 || categoryId > categories)
        {
            return primary;
        }

        var previous = categoryId == 1 ? categories : categoryId - 1;
        return primary.Concat(EnumerateKind(state, at, previous - 1, categories).Where(item => extra(item) == categoryId));
    }

    /// <summary>A category's own items once some have moved: its stride without those that left, then those that came.</summary>
    private static IEnumerable<T> WithMoves<T>(KindState state, Func<KindState, int, T> at, int categoryId, int categories)
    {
        foreach (var item in EnumerateKind(state, index => !state.Moved.ContainsKey(index), at, categoryId - 1, categories))
        {
            yield return item;
        }

        foreach (var (index, target) in state.Moved.OrderBy(m => m.Key))
        {
            if (target == categoryId && state.Exists(index))
            {
                yield return at(state, index);
            }
        }
    }

    /// <summary>An item's primary category: its stride's, unless it moved.</summary>
    private static int CategoryOf(KindState state, int index, int categories) =>
        state.Moved.TryGetValue(index, out var moved) ? moved : (index % categories) + 1;

    private int? ExtraCategory(int salt, int index, int categories) =>
        categories > 1 && StableHash.Of(_options.Seed, salt, index) % 10 == 0 ? ((index % categories) + 1) % categories + 1 : null;

    private static IEnumerable<T> EnumerateKind<T>(KindState state, Func<KindState, int, T> at, int start = 0, int step = 1) =>
        EnumerateKind(state, _ => true, at, start, step);

    private static IEnumerable<T> EnumerateKind<T>(KindState state, Func<int, bool> include, Func<KindState, int, T> at, int start, int step)
    {
        if (start < 0 || start >= step && step > 1)
        {
            yield break;
        }

        for (var index = start; index < state.Slots; index += step)
        {
            if (!state.Deleted.Contains(index) && include(index))
            {
                yield return at(state, index);
            }
        }
    }

    private long AddedAt(KindState state, int salt, int index) =>
        state.AddedAt.TryGetValue(index, out var stamp) ? stamp : BaseUnixTime - (long)(StableHash.Of(_options.Seed, salt, index) % (86_400L * 365));

    private static string Revised(string name, KindState state, int index) =>
        state.Modified.TryGetValue(index, out var revision) ? $"{name} (v{revision.Version + 1})" : name;

    private SandboxLiveChannel LiveAt(KindState state, int index)
    {
        var h = StableHash.Of(_options.Seed, 11, index);
        var name = Revised(TitleWords.Channel(h, index + 1), state, index);
        return new SandboxLiveChannel(
            index + 1,
            name,
            CategoryOf(state, index, _options.LiveCategories),
            state.Moved.ContainsKey(index) ? null : ExtraCategory(13, index, _options.LiveCategories),
            AddedAt(state, 12, index),
            $"ch{index + 1}.sandbox",
            (h >> 40) % 4 == 0);
    }

    private SandboxMovie MovieAt(KindState state, int index)
    {
        var h = StableHash.Of(_options.Seed, 21, index);
        var rating = (h >> 20) % 5 == 0 ? 0 : Math.Round(1 + (StableHash.Unit(h) * 9), 1);
        int? tmdb = (h >> 30) % 3 == 0 || _options.TmdbTitles == 0 ? null : StableHash.Below(h >> 33, _options.TmdbTitles) + 1;
        return new SandboxMovie(
            MovieIdOffset + index + 1,
            Revised(TitleWords.Title(h, index + 1), state, index),
            CategoryOf(state, index, _options.VodCategories),
            state.Moved.ContainsKey(index) ? null : ExtraCategory(23, index, _options.VodCategories),
            AddedAt(state, 22, index),
            Extensions[StableHash.Below(h >> 12, Extensions.Length)],
            rating,
            tmdb);
    }

    private SandboxSeries SeriesAt(KindState state, int index)
    {
        var h = StableHash.Of(_options.Seed, 41, index);
        var lastModified = state.Modified.TryGetValue(index, out var revision) ? revision.Stamp : AddedAt(state, 42, index);
        var extras = state.ExtraEpisodes.GetValueOrDefault(index, []).Count;
        int? tmdb = (h >> 30) % 4 == 0 || _options.TmdbTitles == 0 ? null : StableHash.Below(h >> 33, _options.TmdbTitles) + 1;
        return new SandboxSeries(
            index + 1,
            Revised(TitleWords.Title(h, index + 1), state, index),
            (index % _options.SeriesCategories) + 1,
            lastModified,
            (_options.SeasonsPerSeries * _options.EpisodesPerSeason) + extras,
            tmdb);
    }
}
