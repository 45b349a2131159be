using System.ComponentModel.DataAnnotations;

namespace MediaSync.Sandbox;

/// <summary>
/// Changes to apply between two sync runs. Added items get new ids; modified items get a new name and a new
/// <c>last_modified</c>/<c>updatedAt</c>/<c>DateLastSaved</c>; which items are picked is deterministic.
/// </summary>
public sealed class SandboxChangeSet
{
    /// <summary>Gets or sets the live channels to add.</summary>
    [Range(0, int.MaxValue)] public int LiveAdded { get; set; }

    /// <summary>Gets or sets the live channels to rename.</summary>
    [Range(0, int.MaxValue)] public int LiveModified { get; set; }

    /// <summary>Gets or sets the live channels to delete.</summary>
    [Range(0, int.MaxValue)] public int LiveDeleted { get; set; }

    /// <summary>Gets or sets the live channels that move to the next category (listed only there from now on).</summary>
    [Range(0, int.MaxValue)] public int LiveMoved { get; set; }

    /// <summary>Gets or sets the movies to add.</summary>
    [Range(0, int.MaxValue)] public int MoviesAdded { get; set; }

    /// <summary>Gets or sets the movies to rename.</summary>
    [Range(0, int.MaxValue)] public int MoviesModified { get; set; }

    /// <summary>Gets or sets the movies to delete.</summary>
    [Range(0, int.MaxValue)] public int MoviesDeleted { get; set; }

    /// <summary>Gets or sets the movies that move to the next category (listed only there from now on).</summary>
    [Range(0, int.MaxValue)] public int MoviesMoved { get; set; }

    /// <summary>Gets or sets the series to add.</summary>
    [Range(0, int.MaxValue)] public int SeriesAdded { get; set; }

    /// <summary>Gets or sets the series that move: <c>last_modified</c> is bumped and one episode is appended to the last season.</summary>
    [Range(0, int.MaxValue)] public int SeriesModified { get; set; }

    /// <summary>Gets or sets the series to delete.</summary>
    [Range(0, int.MaxValue)] public int SeriesDeleted { get; set; }

    /// <summary>Gets or sets the TV library shows to add (with all their seasons and episodes).</summary>
    [Range(0, int.MaxValue)] public int TvShowsAdded { get; set; }

    /// <summary>Gets or sets the TV library shows to rename (their own save time moves; seasons and episodes do not).</summary>
    [Range(0, int.MaxValue)] public int TvShowsModified { get; set; }

    /// <summary>Gets or sets the TV library episodes to append (to the last season of existing shows; shows' own timestamps do not move).</summary>
    [Range(0, int.MaxValue)] public int TvEpisodesAdded { get; set; }

    /// <summary>Gets or sets the TV library episodes to rename (their save time moves).</summary>
    [Range(0, int.MaxValue)] public int TvEpisodesModified { get; set; }

    /// <summary>Gets or sets the TV library episodes to delete (not reported by any incremental filter).</summary>
    [Range(0, int.MaxValue)] public int TvEpisodesDeleted { get; set; }
}
