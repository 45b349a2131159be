using System.Collections.Immutable;

namespace MediaSync.Sandbox.Catalog;

/// <summary>What change sets did to the TV library (immutable snapshot, see <see cref="KindState"/>).</summary>
internal sealed record TvState(
    int BaseShows,
    int AddedShows,
    ImmutableDictionary<int, long> ShowCreated,
    ImmutableDictionary<int, Revision> ShowRevisions,
    ImmutableDictionary<int, ImmutableList<long>> ExtraEpisodes,
    ImmutableDictionary<EpisodeKey, Revision> EpisodeRevisions,
    ImmutableHashSet<EpisodeKey> DeletedEpisodes)
{
    public static TvState Initial(int shows) => new(
        shows,
        0,
        ImmutableDictionary<int, long>.Empty,
        ImmutableDictionary<int, Revision>.Empty,
        ImmutableDictionary<int, ImmutableList<long>>.Empty,
        ImmutableDictionary<EpisodeKey, Revision>.Empty,
        ImmutableHashSet<EpisodeKey>.Empty);

    public int Shows => BaseShows + AddedShows;
}

/// <summary>Coordinates of a TV library episode: 0-based show index, 1-based season and episode numbers.</summary>
internal readonly record struct EpisodeKey(int Show, int Season, int Episode);
