using System.ComponentModel.DataAnnotations;

namespace MediaSync.Sandbox;

/// <summary>Everything <see cref="SandboxHost.StartAsync(SandboxOptions, CancellationToken)"/> needs: catalog, credentials and the initial fault knobs.</summary>
public sealed class SandboxOptions
{
    /// <summary>Gets or sets the catalog to serve.</summary>
    /// <value>Defaults to a small catalog (see <see cref="SandboxCatalogOptions"/>).</value>
    public SandboxCatalogOptions Catalog { get; set; } = new();

    /// <summary>Gets or sets the loopback port to listen on.</summary>
    /// <value>Defaults to 0: a free port is picked.</value>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>Gets or sets the clock used for latency, pacing, rate limits, tokens and change-set timestamps.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the bitrate live streams and HLS segments are paced at, in bits per second.</summary>
    /// <value>Defaults to 2,000,000 (2 Mbit/s).</value>
    [Range(8_000, 1_000_000_000)]
    public long StreamBitsPerSecond { get; set; } = 2_000_000;

    /// <summary>Gets or sets the size of every movie or episode file served at its stream URL.</summary>
    /// <value>Defaults to 1 MiB.</value>
    [Range(1_024, int.MaxValue)]
    public int VodFileBytes { get; set; } = 1 << 20;

    /// <summary>Gets or sets the HTTP status a stream over the account's connection limit gets (panels use 403, 429 or 509).</summary>
    /// <value>Defaults to 403.</value>
    [Range(400, 599)]
    public int ConnectionLimitStatusCode { get; set; } = 403;

    /// <summary>Gets or sets how long a closed stream still counts against the account's limit, like panels that notice a hang-up late (§6).</summary>
    /// <value>Defaults to zero: the slot is free as soon as the connection closes.</value>
    public TimeSpan StreamSlotLinger { get; set; }

    /// <summary>Gets or sets the initial per-call latency lower bound.</summary>
    /// <value>Defaults to zero.</value>
    public TimeSpan MinLatency { get; set; }

    /// <summary>Gets or sets the initial per-call latency upper bound (equal to <see cref="MinLatency"/> for a fixed latency).</summary>
    /// <value>Defaults to zero.</value>
    public TimeSpan MaxLatency { get; set; }

    /// <summary>Gets or sets the initial bandwidth cap per response in bytes per second.</summary>
    /// <value>Defaults to <see langword="null"/>: unlimited.</value>
    public long? BandwidthBytesPerSecond { get; set; }

    /// <summary>Gets or sets the initial fraction of API calls answered with a 5xx.</summary>
    /// <value>Defaults to 0.</value>
    [Range(0.0, 1.0)]
    public double ErrorRate { get; set; }

    /// <summary>Gets or sets the Jellyfin API key.</summary>
    /// <value>Defaults to <c>jellyfin-sandbox-key</c>.</value>
    public string JellyfinApiKey { get; set; } = "jellyfin-sandbox-key";

    /// <summary>Gets or sets whether Jellyfin accepts the legacy auth forms (<c>X-Emby-Token</c>, <c>api_key</c>), off on the 12.0 line.</summary>
    /// <value>Defaults to <see langword="true"/> (10.11 behaviour).</value>
    public bool JellyfinLegacyAuthorization { get; set; } = true;

    /// <summary>Gets or sets the Plex token.</summary>
    /// <value>Defaults to <c>plex-sandbox-token</c>.</value>
    public string PlexToken { get; set; } = "plex-sandbox-token";

    /// <summary>Gets or sets the TMDb read access token (Bearer) which is also accepted as <c>api_key</c>.</summary>
    /// <value>Defaults to <c>tmdb-sandbox-token</c>.</value>
    public string TmdbToken { get; set; } = "tmdb-sandbox-token";

    /// <summary>Gets or sets the TMDb soft ceiling; calls beyond it within one second get 429 with <c>Retry-After</c>.</summary>
    /// <value>Defaults to 40.</value>
    [Range(1, 100_000)]
    public int TmdbRequestsPerSecond { get; set; } = 40;

    /// <summary>Gets or sets the Dispatcharr admin user name.</summary>
    /// <value>Defaults to <c>admin</c>.</value>
    public string DispatcharrUsername { get; set; } = "admin";

    /// <summary>Gets or sets the Dispatcharr admin password.</summary>
    /// <value>Defaults to <c>dispatcharr-secret</c>.</value>
    public string DispatcharrPassword { get; set; } = "dispatcharr-secret";

    /// <summary>Gets or sets the Dispatcharr API key (<c>X-API-Key</c> or <c>Authorization: ApiKey</c>).</summary>
    /// <value>Defaults to <c>dispatcharr-sandbox-key</c>.</value>
    public string DispatcharrApiKey { get; set; } = "dispatcharr-sandbox-key";

    /// <summary>Gets or sets how many Dispatcharr logins per minute are allowed before 429.</summary>
    /// <value>Defaults to 3, like Dispatcharr.</value>
    [Range(1, 100_000)]
    public int DispatcharrLoginsPerMinute { get; set; } = 3;
}
