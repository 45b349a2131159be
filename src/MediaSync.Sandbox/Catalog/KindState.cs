using System.Collections.Immutable;

namespace MediaSync.Sandbox.Catalog;

/// <summary>
/// What change sets did to one Xtream kind. Immutable so a listing that is still streaming keeps a consistent
/// snapshot while a test applies the next change set.
/// </summary>
internal sealed record KindState(
    int BaseCount,
    int Added,
    ImmutableHashSet<int> Deleted,
    ImmutableDictionary<int, Revision> Modified,
    ImmutableDictionary<int, long> AddedAt,
    ImmutableDictionary<int, ImmutableList<long>> ExtraEpisodes,
    ImmutableDictionary<int, int> Moved)
{
    public static KindState Initial(int baseCount) => new(
        baseCount,
        0,
        ImmutableHashSet<int>.Empty,
        ImmutableDictionary<int, Revision>.Empty,
        ImmutableDictionary<int, long>.Empty,
        ImmutableDictionary<int, ImmutableList<long>>.Empty,
        ImmutableDictionary<int, int>.Empty);

    public int Slots => BaseCount + Added;

    public int Count => Slots - Deleted.Count;

    public bool Exists(int index) => index >= 0 && index < Slots && !Deleted.Contains(index);
}

/// <summary>A modification: the version goes into the name, the stamp into the change timestamps.</summary>
internal readonly record struct Revision(int Version, long Stamp);
