namespace MediaSync.Functions.Sync;

/// <summary>What one unit of a sync (an Xtream category, an M3U playlist) did: counts only, never catalog data.</summary>
/// <param name="UnitKey">The checkpoint key, e.g. <c>vod/12</c>.</param>
/// <param name="Written">Rows new or changed.</param>
/// <param name="Skipped">Rows unchanged.</param>
/// <param name="Failed">Rows that could not be stored.</param>
/// <param name="ChildrenFetched">Series whose episodes were fetched (new or changed series).</param>
/// <param name="ChildrenFailed">Series whose episodes could not be fetched or stored (their series row is left as it was, so the next run tries again).</param>
internal sealed record UnitOutcome(string UnitKey, long Written, long Skipped, long Failed, int ChildrenFetched, int ChildrenFailed)
{
    /// <summary>Gets a value indicating whether everything of the unit is stored (and it was checkpointed).</summary>
    public bool Complete => Failed == 0 && ChildrenFailed == 0;
}
