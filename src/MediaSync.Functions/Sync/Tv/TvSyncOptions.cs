using System.ComponentModel.DataAnnotations;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>Settings of the Jellyfin/Plex TV sync, bound from <c>Sync:Tv</c>.</summary>
internal sealed class TvSyncOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sync:Tv";

    /// <summary>Gets or sets the strategy of sources without an entry in <see cref="SourceStrategies"/>.</summary>
    /// <value>Defaults to <see cref="TvSyncStrategy.Auto"/>.</value>
    public TvSyncStrategy Strategy { get; set; } = TvSyncStrategy.Auto;

    /// <summary>Gets the strategy per source id (<c>Sync:Tv:SourceStrategies:{sourceId}</c>), e.g. for a server whose bulk listing is known to be slow.</summary>
    public Dictionary<string, TvSyncStrategy> SourceStrategies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets how many shows the per-show strategy syncs at once.</summary>
    /// <value>Defaults to 5.</value>
    [Range(1, 64)]
    public int ShowConcurrency { get; set; } = 5;

    /// <summary>Gets or sets how many seasons of one show are fetched at once.</summary>
    /// <value>Defaults to 5.</value>
    [Range(1, 32)]
    public int SeasonConcurrency { get; set; } = 5;

    /// <summary>Gets or sets how many pages of the bulk listing are fetched at once (the provider client's own concurrency limit still applies).</summary>
    /// <value>
    /// Defaults to 16, the host's default activity concurrency: a library of up to 8,500 episodes (17 pages of 500, the
    /// first read by the plan) then loads in one wave instead of two, a whole round trip and write less.
    /// </value>
    [Range(1, 64)]
    public int PageConcurrency { get; set; } = 16;

    /// <summary>Gets or sets the page size of the bulk listing.</summary>
    /// <value>Defaults to 500 (Jellyfin and Plex stay responsive between 200 and 1,000).</value>
    [Range(10, 10_000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Gets or sets how many Items partitions a source's shows are spread over.</summary>
    /// <value>Defaults to 8.</value>
    [Range(1, 100)]
    public int ShowBuckets { get; set; } = 8;

    /// <summary>Gets or sets how far before the last completed run's start an incremental run reads (clock skew, saves during that run).</summary>
    /// <value>Defaults to 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan IncrementalOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The strategy of one source.</summary>
    public TvSyncStrategy StrategyFor(string sourceId) =>
        SourceStrategies.TryGetValue(sourceId, out TvSyncStrategy strategy) ? strategy : Strategy;
}
