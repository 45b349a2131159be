using System.ComponentModel.DataAnnotations;

namespace MediaSync.Functions.Sync;

/// <summary>How catalog syncs run, bound from the <c>Sync</c> section (<c>Sync__XtreamKindConcurrency</c>, …).</summary>
internal sealed class SyncOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sync";

    /// <summary>Gets or sets how many of live, vod and series an Xtream sync runs at once (live and vod first, so users see them soonest).</summary>
    [Range(1, 3)]
    public int XtreamKindConcurrency { get; set; } = 2;

    /// <summary>
    /// Gets or sets the most concurrent API requests one Xtream account receives. The account's own
    /// <c>max_connections</c> lowers it; an account that reports no limit gets this many (providers ban hammering accounts).
    /// The Xtream client's own cap (<c>Providers:Xtream:Resilience:MaxConcurrency</c>) lowers it too.
    /// </summary>
    [Range(1, 64)]
    public int MaxApiConnections { get; set; } = 4;
}
