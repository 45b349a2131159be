using System.ComponentModel.DataAnnotations;

namespace MediaSync.Streams;

/// <summary>Settings of the multi-viewer relay.</summary>
internal sealed class StreamRelayOptions
{
    /// <summary>Gets or sets the size of one pooled chunk read from the upstream.</summary>
    /// <value>Default 32 KiB.</value>
    [Range(1024, 1024 * 1024)]
    public int ChunkSize { get; set; } = 32 * 1024;

    /// <summary>Gets or sets how many chunks a viewer may have queued; beyond it the oldest are dropped.</summary>
    /// <value>Default 50 (1.6 MB at the default chunk size, several seconds of HD video).</value>
    [Range(2, 10_000)]
    public int ViewerQueueCapacity { get; set; } = 50;

    /// <summary>Gets or sets how long a viewer may take nothing from a full queue before it is disconnected.</summary>
    /// <value>Default 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan LagTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long the upstream and its slot stay after the last viewer leaves, for a viewer who comes back (zapping).</summary>
    /// <value>Default 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long opening the upstream (connect, redirects, response headers) may take.</summary>
    /// <value>Default 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:02:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long the upstream may send nothing before it counts as dead.</summary>
    /// <value>Default 15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan UpstreamStallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets how many redirects opening the upstream follows (panels redirect to load balancers).</summary>
    /// <value>Default 5.</value>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Gets or sets the User-Agent sent upstream.</summary>
    /// <value>Default <c>VLC/3.0.20 LibVLC/3.0.20</c>.</value>
    [Required]
    public string UserAgent { get; set; } = "VLC/3.0.20 LibVLC/3.0.20";
}
