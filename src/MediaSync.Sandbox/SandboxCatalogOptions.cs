using System.ComponentModel.DataAnnotations;

namespace MediaSync.Sandbox;

/// <summary>Sizes and seed of the generated provider catalog. The same options always give the same catalog.</summary>
public sealed class SandboxCatalogOptions
{
    /// <summary>Gets or sets the seed every generated name, id, timestamp and fault decision derives from.</summary>
    /// <value>Defaults to 42.</value>
    public long Seed { get; set; } = 42;

    /// <summary>Gets or sets the number of Xtream live channels.</summary>
    /// <value>Defaults to 200.</value>
    [Range(0, 5_000_000)]
    public int LiveChannels { get; set; } = 200;

    /// <summary>Gets or sets the number of Xtream movies (VOD).</summary>
    /// <value>Defaults to 500.</value>
    [Range(0, 5_000_000)]
    public int Movies { get; set; } = 500;

    /// <summary>Gets or sets the number of Xtream series.</summary>
    /// <value>Defaults to 50.</value>
    [Range(0, 1_000_000)]
    public int Series { get; set; } = 50;

    /// <summary>Gets or sets the number of live categories.</summary>
    /// <value>Defaults to 10.</value>
    [Range(1, 10_000)]
    public int LiveCategories { get; set; } = 10;

    /// <summary>Gets or sets the number of VOD categories.</summary>
    /// <value>Defaults to 10.</value>
    [Range(1, 10_000)]
    public int VodCategories { get; set; } = 10;

    /// <summary>Gets or sets the number of series categories.</summary>
    /// <value>Defaults to 5.</value>
    [Range(1, 10_000)]
    public int SeriesCategories { get; set; } = 5;

    /// <summary>Gets or sets the seasons of every Xtream series.</summary>
    /// <value>Defaults to 3.</value>
    [Range(1, 99)]
    public int SeasonsPerSeries { get; set; } = 3;

    /// <summary>Gets or sets the episodes of every Xtream season (change sets may append more).</summary>
    /// <value>Defaults to 8.</value>
    [Range(1, 99)]
    public int EpisodesPerSeason { get; set; } = 8;

    /// <summary>Gets or sets the shows of the TV library served by Jellyfin and Plex.</summary>
    /// <value>Defaults to 100.</value>
    [Range(0, 99_999)]
    public int TvShows { get; set; } = 100;

    /// <summary>Gets or sets the seasons of every TV show.</summary>
    /// <value>Defaults to 5.</value>
    [Range(1, 99)]
    public int TvSeasonsPerShow { get; set; } = 5;

    /// <summary>Gets or sets the episodes of every TV season (change sets may append more).</summary>
    /// <value>Defaults to 10.</value>
    [Range(1, 99)]
    public int TvEpisodesPerSeason { get; set; } = 10;

    /// <summary>Gets or sets how many TMDb ids (1..N, for movies and TV alike) exist; others answer 404.</summary>
    /// <value>Defaults to 1000.</value>
    [Range(0, 10_000_000)]
    public int TmdbTitles { get; set; } = 1000;

    /// <summary>Gets or sets the provider accounts (Xtream logins, Dispatcharr M3U accounts).</summary>
    /// <value>Defaults to one account <c>sandbox</c> with 2 connections.</value>
    public IList<SandboxAccount> Accounts { get; set; } = [new SandboxAccount()];
}
