using System.Collections.Immutable;
using MediaSync.Sandbox.Catalog;

namespace MediaSync.Sandbox;

/// <summary>Change sets: what moves between two sync runs.</summary>
public sealed partial class SandboxCatalog
{
    internal DateTimeOffset Apply(SandboxChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_changeGate)
        {
            // Every change set gets its own second so "changed since the previous run" is unambiguous,
            // even when a test applies two change sets within one second.
            var now = _time.GetUtcNow().ToUnixTimeSeconds();
            var stamp = Math.Max(now, _lastStamp + 1);
            _lastStamp = stamp;
            var number = ++_changeSets;

            _live = ApplyKind(_live, 101, number, stamp, changes.LiveAdded, changes.LiveModified, changes.LiveDeleted, appendEpisode: false);
            _live = Move(_live, 101, number, changes.LiveMoved, _options.LiveCategories);
            _movies = ApplyKind(_movies, 102, number, stamp, changes.MoviesAdded, changes.MoviesModified, changes.MoviesDeleted, appendEpisode: false);
            _movies = Move(_movies, 102, number, changes.MoviesMoved, _options.VodCategories);
            _series = ApplyKind(_series, 103, number, stamp, changes.SeriesAdded, changes.SeriesModified, changes.SeriesDeleted, appendEpisode: true);
            _tv = ApplyTv(_tv, number, stamp, changes);
            return DateTimeOffset.FromUnixTimeSeconds(stamp);
        }
    }

    private KindState ApplyKind(KindState state, int salt, int number, long stamp, int added, int modified, int deleted, bool appendEpisode)
    {
        var taken = new HashSet<int>();
        var before = state;
        var toDelete = IndexPicker.Pick(before.Slots, deleted, StableHash.Of(_options.Seed, salt, number, 1), before.Exists, taken);
        var toModify = IndexPicker.Pick(before.Slots, modified, StableHash.Of(_options.Seed, salt, number, 2), before.Exists, taken);

        var modifications = state.Modified.ToBuilder();
        var extras = state.ExtraEpisodes.ToBuilder();
        foreach (var index in toModify)
        {
            var version = modifications.TryGetValue(index, out var old) ? old.Version + 1 : 1;
            modifications[index] = new Revision(version, stamp);
            if (appendEpisode)
            {
                extras[index] = extras.GetValueOrDefault(index, []).Add(stamp);
            }
        }

        var addedAt = state.AddedAt.ToBuilder();
        for (var k = 0; k < added; k++)
        {
            addedAt[state.Slots + k] = stamp;
        }

        return state with
        {
            Added = state.Added + added,
            Deleted = state.Deleted.Union(toDelete),
            Modified = modifications.ToImmutable(),
            AddedAt = addedAt.ToImmutable(),
            ExtraEpisodes = extras.ToImmutable(),
        };
    }

    /// <summary>Moves <paramref name="count"/> existing items to the category after their current one.</summary>
    private KindState Move(KindState state, int salt, int number, int count, int categories)
    {
        if (count == 0 || categories < 2)
        {
            return state;
        }

        var moved = state.Moved.ToBuilder();
        foreach (var index in IndexPicker.Pick(state.Slots, count, StableHash.Of(_options.Seed, salt, number, 3), state.Exists, []))
        {
            moved[index] = (CategoryOf(state, index, categories) % categories) + 1;
        }

        return state with { Moved = moved.ToImmutable() };
    }

    private TvState ApplyTv(TvState state, int number, long stamp, SandboxChangeSet changes)
    {
        var existingShows = state.Shows;
        var taken = new HashSet<EpisodeKey>();
        var deleted = PickEpisodes(state, changes.TvEpisodesDeleted, StableHash.Of(_options.Seed, 104, number, 1), taken);
        var modified = PickEpisodes(state, changes.TvEpisodesModified, StableHash.Of(_options.Seed, 104, number, 2), taken);

        var revisions = state.EpisodeRevisions.ToBuilder();
        foreach (var key in modified)
        {
            var version = revisions.TryGetValue(key, out var old) ? old.Version + 1 : 1;
            revisions[key] = new Revision(version, stamp);
        }

        var extras = state.ExtraEpisodes.ToBuilder();
        var showTaken = new HashSet<int>();
        var receivers = IndexPicker.Pick(existingShows, changes.TvEpisodesAdded, StableHash.Of(_options.Seed, 104, number, 3), _ => true, showTaken);
        for (var k = 0; k < changes.TvEpisodesAdded && existingShows > 0; k++)
        {
            // More new episodes than shows: wrap around and give some shows several.
            var show = receivers.Count > 0 ? receivers[k % receivers.Count] : 0;
            extras[show] = extras.GetValueOrDefault(show, []).Add(stamp);
        }

        var showRevisions = state.ShowRevisions.ToBuilder();
        var renamed = IndexPicker.Pick(existingShows, changes.TvShowsModified, StableHash.Of(_options.Seed, 104, number, 4), _ => true, []);
        foreach (var show in renamed)
        {
            var version = showRevisions.TryGetValue(show, out var old) ? old.Version + 1 : 1;
            showRevisions[show] = new Revision(version, stamp);
        }

        var created = state.ShowCreated.ToBuilder();
        for (var k = 0; k < changes.TvShowsAdded; k++)
        {
            created[existingShows + k] = stamp;
        }

        return state with
        {
            AddedShows = state.AddedShows + changes.TvShowsAdded,
            ShowCreated = created.ToImmutable(),
            ShowRevisions = showRevisions.ToImmutable(),
            ExtraEpisodes = extras.ToImmutable(),
            EpisodeRevisions = revisions.ToImmutable(),
            DeletedEpisodes = state.DeletedEpisodes.Union(deleted),
        };
    }

    private List<EpisodeKey> PickEpisodes(TvState state, int count, ulong hash, HashSet<EpisodeKey> taken)
    {
        var all = new List<EpisodeKey>();
        if (count == 0)
        {
            return all;
        }

        for (var show = 0; show < state.Shows; show++)
        {
            foreach (var episode in EpisodesOf(state, show, null))
            {
                all.Add(new EpisodeKey(show, episode.SeasonNumber, episode.EpisodeNumber));
            }
        }

        var indexTaken = new HashSet<int>();
        return [.. IndexPicker.Pick(all.Count, count, hash, i => !taken.Contains(all[i]), indexTaken).Select(i => all[i]).Where(taken.Add)];
    }
}
