using System.ComponentModel.DataAnnotations;

namespace MediaSync.Streams;

/// <summary>Limits of one stream probe. Every probe holds one of the account's connections, so all of them are short.</summary>
internal sealed class StreamProberOptions
{
    /// <summary>Gets or sets the TCP connect timeout.</summary>
    /// <value>Default 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long to wait from sending a request until the first body byte (connect included).</summary>
    /// <value>Default 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:02:00")]
    public TimeSpan FirstByteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the budget of the whole probe, redirects and HLS segments included. A deadline passed to the probe can shorten it.</summary>
    /// <value>Default 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the body may pause before the stream counts as stalled.</summary>
    /// <value>Default 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the window over which the bitrate is measured, counted from the first body byte.</summary>
    /// <value>Default 3 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SampleWindow { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets or sets the most body bytes read from a live stream; reading stops earlier once the window ends.</summary>
    /// <value>Default 2 MiB.</value>
    [Range(4096, 256 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Gets or sets the largest playlist accepted.</summary>
    /// <value>Default 1 MiB.</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxPlaylistBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how many redirects are followed before the probe gives up.</summary>
    /// <value>Default 5.</value>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Gets or sets how many consecutive 188-byte packets must start with 0x47.</summary>
    /// <value>Default 7.</value>
    [Range(2, 100)]
    public int RequiredSyncPackets { get; set; } = 7;

    /// <summary>Gets or sets the User-Agent sent; panels block unknown agents, so it looks like a player.</summary>
    /// <value>Default <c>VLC/3.0.20 LibVLC/3.0.20</c>.</value>
    [Required]
    public string UserAgent { get; set; } = "VLC/3.0.20 LibVLC/3.0.20";
}
