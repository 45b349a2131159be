namespace MediaSync.Functions.Sync.Xtream;

/// <summary>The categories of a kind still to sync in this run (ids only: they are the units, and a few KB at most).</summary>
/// <param name="Pending">Category ids not yet completed by this run, in provider order.</param>
/// <param name="Total">Categories the provider lists for the kind.</param>
internal sealed record XtreamCategoryList(IReadOnlyList<string> Pending, int Total);
