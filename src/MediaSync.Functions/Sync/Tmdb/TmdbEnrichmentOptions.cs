using System.ComponentModel.DataAnnotations;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>Settings of the TMDb watch-provider enrichment, bound from <c>Sync:Tmdb</c>.</summary>
internal sealed class TmdbEnrichmentOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sync:Tmdb";

    /// <summary>Gets or sets how long a title's stored providers count as fresh; a fresh title costs no call.</summary>
    /// <value>Defaults to 24 hours (availability changes about weekly).</value>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the most TMDb requests started in any one second (TMDb's soft ceiling is about 40-50).</summary>
    /// <value>Defaults to 40.</value>
    [Range(1, 1_000)]
    public int RequestsPerSecond { get; set; } = 40;

    /// <summary>Gets or sets how much longer than one second the rate window is kept, for a server whose count of a second could see network jitter put one request too many into it.</summary>
    /// <value>Defaults to none: the window is exactly one second, so a run keeps exactly to the rate (every extra millisecond is paid once per second of the run).</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan RateWindowMargin { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets how many titles of one page are looked up at once.</summary>
    /// <value>
    /// Defaults to 20 (TMDb is said to tolerate about 20 connections per IP): with the default two pages at once a whole
    /// second's worth of requests (40) can start together, so each second of the rate is used from its start rather than
    /// the last requests of every second waiting for a connection.
    /// </value>
    [Range(1, 64)]
    public int TitleConcurrency { get; set; } = 20;

    /// <summary>Gets or sets how many titles a host remembers as fresh in memory, sparing the Providers read per title; 0 turns it off.</summary>
    /// <value>Defaults to 50,000 (a few MB).</value>
    [Range(0, 1_000_000)]
    public int MemoryCacheTitles { get; set; } = 50_000;

    /// <summary>Gets or sets how many candidate titles one activity handles.</summary>
    /// <value>Defaults to 100.</value>
    [Range(1, 1_000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Gets or sets how many pages run at once.</summary>
    /// <value>Defaults to 2 (the rate limit, not the page count, bounds the speed).</value>
    [Range(1, 16)]
    public int PageConcurrency { get; set; } = 2;
}
