using System.Globalization;
using MediaSync.Sandbox.Catalog;

namespace MediaSync.Sandbox;

/// <summary>The TV library (Jellyfin and Plex) part of the catalog.</summary>
public sealed partial class SandboxCatalog
{
    internal const byte JellyfinLibraryKind = 0x01;
    internal const byte JellyfinSeriesKind = 0x02;
    internal const byte JellyfinSeasonKind = 0x03;
    internal const byte JellyfinEpisodeKind = 0x04;
    internal const byte JellyfinUserKind = 0x0a;

    internal const long PlexSeasonOffset = 1_000_000;
    internal const long PlexEpisodeOffset = 100_000_000;

    /// <summary>Gets the number of TV library shows right now.</summary>
    public int TvShowCount => _tv.Shows;

    /// <summary>Gets the TV library shows in creation order.</summary>
    public IEnumerable<SandboxTvShow> TvShows
    {
        get
        {
            var state = _tv;
            for (var show = 0; show < state.Shows; show++)
            {
                yield return TvShowAt(state, show);
            }
        }
    }

    /// <summary>Gets every season of the TV library, show by show.</summary>
    public IEnumerable<SandboxTvSeason> TvSeasons
    {
        get
        {
            var state = _tv;
            for (var show = 0; show < state.Shows; show++)
            {
                for (var season = 1; season <= _options.TvSeasonsPerShow; season++)
                {
                    yield return TvSeasonAt(state, show, season);
                }
            }
        }
    }

    /// <summary>Gets every episode of the TV library, show by show, season by season.</summary>
    public IEnumerable<SandboxTvEpisode> TvEpisodes
    {
        get
        {
            var state = _tv;
            for (var show = 0; show < state.Shows; show++)
            {
                foreach (var episode in EpisodesOf(state, show, null))
                {
                    yield return episode;
                }
            }
        }
    }

    /// <summary>Gets the Jellyfin id of the user the API key acts for.</summary>
    public string JellyfinUserId => JellyfinId(JellyfinUserKind, 0, 0, 0);

    /// <summary>Gets the Jellyfin id of the TV library (the <c>ParentId</c> for <c>/Items</c>).</summary>
    public string JellyfinLibraryId => JellyfinId(JellyfinLibraryKind, 0, 0, 0);

    internal TvState Tv => _tv;

    /// <summary>Finds a TV show by its 1-based number.</summary>
    /// <param name="showNumber">The number.</param>
    /// <returns>The show, or <see langword="null"/>.</returns>
    public SandboxTvShow? FindTvShow(int showNumber)
    {
        var state = _tv;
        return showNumber >= 1 && showNumber <= state.Shows ? TvShowAt(state, showNumber - 1) : null;
    }

    /// <summary>Gets the seasons of one show.</summary>
    /// <param name="showNumber">The show number.</param>
    /// <returns>The seasons; empty for an unknown show.</returns>
    public IReadOnlyList<SandboxTvSeason> GetTvSeasons(int showNumber)
    {
        var state = _tv;
        if (showNumber < 1 || showNumber > state.Shows)
        {
            return [];
        }

        return [.. Enumerable.Range(1, _options.TvSeasonsPerShow).Select(season => TvSeasonAt(state, showNumber - 1, season))];
    }

    /// <summary>Gets the episodes of one show, optionally of one season only.</summary>
    /// <param name="showNumber">The show number.</param>
    /// <param name="season">The season number, or <see langword="null"/> for all.</param>
    /// <returns>The episodes; empty for an unknown show.</returns>
    public IReadOnlyList<SandboxTvEpisode> GetTvEpisodes(int showNumber, int? season = null)
    {
        var state = _tv;
        if (showNumber < 1 || showNumber > state.Shows)
        {
            return [];
        }

        return [.. EpisodesOf(state, showNumber - 1, season)];
    }

    internal IEnumerable<SandboxTvEpisode> EpisodesOf(TvState state, int show, int? onlySeason)
    {
        var extras = state.ExtraEpisodes.GetValueOrDefault(show, []);
        for (var season = 1; season <= _options.TvSeasonsPerShow; season++)
        {
            if (onlySeason is { } wanted && wanted != season)
            {
                continue;
            }

            var inSeason = _options.TvEpisodesPerSeason + (season == _options.TvSeasonsPerShow ? extras.Count : 0);
            for (var number = 1; number <= inSeason; number++)
            {
                var key = new EpisodeKey(show, season, number);
                if (!state.DeletedEpisodes.Contains(key))
                {
                    yield return TvEpisodeAt(state, key, extras);
                }
            }
        }
    }

    internal string JellyfinId(byte kind, int show, int season, int episode)
    {
        var check = StableHash.Of(_options.Seed, 51, kind, ((long)show << 32) | (uint)season, episode);
        return string.Create(CultureInfo.InvariantCulture, $"{kind:x2}{show:x6}{season:x4}{episode:x4}{check:x16}");
    }

    /// <summary>Decodes a Jellyfin id minted by <see cref="JellyfinId"/>; false for anything else (a forged or foreign id).</summary>
    internal bool TryDecodeJellyfinId(string? id, out byte kind, out int show, out int season, out int episode)
    {
        kind = 0;
        show = season = episode = 0;
        if (id is null)
        {
            return false;
        }

        var compact = id.Replace("-", string.Empty, StringComparison.Ordinal);
        if (compact.Length != 32
            || !byte.TryParse(compact.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out kind)
            || !int.TryParse(compact.AsSpan(2, 6), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out show)
            || !int.TryParse(compact.AsSpan(8, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out season)
            || !int.TryParse(compact.AsSpan(12, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out episode))
        {
            return false;
        }

        return string.Equals(compact, JellyfinId(kind, show, season, episode), StringComparison.OrdinalIgnoreCase);
    }

    internal static string PlexShowKey(int show) => (show + 1).ToString(CultureInfo.InvariantCulture);

    internal static string PlexSeasonKey(int show, int season) =>
        (PlexSeasonOffset + ((long)show * 100) + season).ToString(CultureInfo.InvariantCulture);

    internal static string PlexEpisodeKey(int show, int season, int episode) =>
        (PlexEpisodeOffset + ((long)show * 10_000) + (season * 100) + episode).ToString(CultureInfo.InvariantCulture);

    internal SandboxTvShow TvShowAt(TvState state, int show)
    {
        var h = StableHash.Of(_options.Seed, 61, show);
        var added = state.ShowCreated.TryGetValue(show, out var created)
            ? created
            : BaseUnixTime - (long)(h % (86_400L * 365));
        var updated = state.ShowCreated.ContainsKey(show) ? created : added + (long)((h >> 20) % (86_400L * 30));
        var name = TitleWords.Title(h, show + 1);
        if (state.ShowRevisions.TryGetValue(show, out var revision))
        {
            name = $"{name} (v{revision.Version + 1})";
            updated = revision.Stamp;
        }

        return new SandboxTvShow(
            show + 1,
            JellyfinId(JellyfinSeriesKind, show, 0, 0),
            PlexShowKey(show),
            name,
            1990 + StableHash.Below(h >> 40, 34),
            (70_000 + show).ToString(CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeSeconds(added),
            DateTimeOffset.FromUnixTimeSeconds(updated));
    }

    internal SandboxTvSeason TvSeasonAt(TvState state, int show, int season)
    {
        // A show added by a change set arrives whole: its seasons carry the change-set stamp.
        var isNew = state.ShowCreated.TryGetValue(show, out var created);
        var added = isNew
            ? DateTimeOffset.FromUnixTimeSeconds(created)
            : DateTimeOffset.FromUnixTimeSeconds(BaseUnixTime - (long)(StableHash.Of(_options.Seed, 61, show) % (86_400L * 365))).AddDays(season * 7);
        return new SandboxTvSeason(
            show + 1,
            season,
            JellyfinId(JellyfinSeasonKind, show, season, 0),
            PlexSeasonKey(show, season),
            added,
            isNew ? added : added.AddHours(1));
    }

    private SandboxTvEpisode TvEpisodeAt(TvState state, EpisodeKey key, System.Collections.Immutable.ImmutableList<long> extras)
    {
        var h = StableHash.Of(_options.Seed, 71, key.Show, key.Season, key.Episode);
        var extra = key.Episode - _options.TvEpisodesPerSeason - 1;
        long added;
        if (extra >= 0)
        {
            added = extras[extra];
        }
        else if (state.ShowCreated.TryGetValue(key.Show, out var created))
        {
            added = created;
        }
        else
        {
            added = BaseUnixTime - (long)(StableHash.Of(_options.Seed, 61, key.Show) % (86_400L * 365)) + (key.Season * 7 * 86_400L) + (key.Episode * 3_600L);
        }

        var name = TitleWords.Title(h, key.Episode);
        var updated = added + (long)((h >> 24) % 7_200);
        if (state.EpisodeRevisions.TryGetValue(key, out var revision))
        {
            name = $"{name} (v{revision.Version + 1})";
            updated = revision.Stamp;
        }
        else if (extra >= 0 || state.ShowCreated.ContainsKey(key.Show))
        {
            updated = added;
        }

        return new SandboxTvEpisode(
            key.Show + 1,
            key.Season,
            key.Episode,
            JellyfinId(JellyfinEpisodeKind, key.Show, key.Season, key.Episode),
            PlexEpisodeKey(key.Show, key.Season, key.Episode),
            name,
            DateTimeOffset.FromUnixTimeSeconds(added),
            DateTimeOffset.FromUnixTimeSeconds(updated));
    }
}
