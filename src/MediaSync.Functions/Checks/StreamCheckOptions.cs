using System.ComponentModel.DataAnnotations;

namespace MediaSync.Functions.Checks;

/// <summary>Settings of stream checks, bound from the <c>Checks</c> section (<c>Checks__GlobalLimit</c> in local.settings.json).</summary>
internal sealed class StreamCheckOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Checks";

    /// <summary>Gets or sets how many checks may run at once across every account.</summary>
    /// <value>Default 10.</value>
    [Range(1, 1000)]
    public int GlobalLimit { get; set; } = 10;

    /// <summary>Gets or sets the pause between two check starts on one account, so a panel never sees a burst of connections.</summary>
    /// <value>Default 250 ms; zero starts checks as soon as a slot is granted.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StaggerDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Gets or sets the pause after a probe's connection closes before the same slot opens the next one. A panel frees a
    /// connection only once it notices the close, and one opened in that moment would be over the limit.
    /// </summary>
    /// <value>Default 50 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Gets or sets how long a probe the provider refused (401, 403, 429, 509) waits before it is tried once more: the
    /// refusal may be about the account (a player outside MediaSync, or a connection the panel still counts after its
    /// close), not the stream. Refused again while the account is at its limit, it counts as AccountFull.
    /// </summary>
    /// <value>Default 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan AccountFullRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the lease time of a check's slot; the check renews it every third of this while its probe runs.</summary>
    /// <value>Default 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan SlotTtl { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how long a check waits for a free slot before it is reported as not checked; none waits as long as it takes.</summary>
    /// <value>Default none.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan? SlotWaitTimeout { get; set; }

    /// <summary>Gets or sets how many streams one page of an account's check holds; the check continues as new after each page so its history stays small.</summary>
    /// <value>Default 100.</value>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Gets or sets the most streams one check takes from an account or a channel (the rest are not checked and the summary says so).</summary>
    /// <value>Default 5,000.</value>
    [Range(1, 1_000_000)]
    public int MaxStreamsPerAccount { get; set; } = 5_000;

    /// <summary>Gets or sets the most streams a request may list explicitly.</summary>
    /// <value>Default 1,000.</value>
    [Range(1, 10_000)]
    public int MaxExplicitStreams { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets the most streams a lane probes back to back in one activity while it holds its slot (with no stagger
    /// delay; with one, every probe is its own activity so the delay is kept exactly). Larger batches save a queue round
    /// trip and an orchestration turn per batch, during which the slot sits idle; the lanes still share what is left of a
    /// page, so the last batches get smaller, and <see cref="ProbeBatchDuration"/> bounds how long one batch runs.
    /// </summary>
    /// <value>Default 32.</value>
    [Range(1, 100)]
    public int ProbeBatchSize { get; set; } = 32;

    /// <summary>
    /// Gets or sets how long one probe activity keeps starting probes: once it has run this long it hands the rest of its
    /// batch back to the lane, which probes them next under the same slot. Keeps progress, a cancel and what a killed
    /// host repeats to a few seconds, however slow the streams are.
    /// </summary>
    /// <value>Default 3 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ProbeBatchDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets or sets how many checks of an account run (or wait for a slot) at once when the account reports no limit.</summary>
    /// <value>Default 10.</value>
    [Range(1, 1000)]
    public int MaxInFlightPerAccount { get; set; } = 10;

    /// <summary>Gets or sets how many accounts are checked at once.</summary>
    /// <value>Default 50.</value>
    [Range(1, 1000)]
    public int MaxAccountsInFlight { get; set; } = 50;

    /// <summary>Gets or sets how many past checks the StreamHealth row of a stream keeps.</summary>
    /// <value>Default 10.</value>
    [Range(1, 100)]
    public int HistoryDepth { get; set; } = 10;

    /// <summary>Gets or sets the limit used when the provider reports none and the source sets no <c>MaxStreams</c>.</summary>
    /// <value>Default 1: the safe bound for an account nobody described.</value>
    [Range(0, 10_000)]
    public int DefaultMaxStreams { get; set; } = 1;
}
