using System.ComponentModel.DataAnnotations;

namespace MediaSync.Catalog.Resilience;

/// <summary>
/// How calls to one provider are protected, outermost first: concurrency limiter, total timeout,
/// retry (honouring <c>Retry-After</c>), circuit breaker, optional rate limiter, attempt timeout.
/// </summary>
internal sealed class ProviderResilienceOptions
{
    /// <summary>
    /// Gets or sets the requests in flight per provider host, each counted until its response headers arrive (a body is
    /// then read outside the limit; callers that must bound whole responses, like the Xtream sync, schedule them themselves).
    /// </summary>
    /// <value>Defaults to 4 (providers ban hammering accounts; media servers slow down under load).</value>
    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Gets or sets how many requests may wait for a concurrency permit before being rejected.</summary>
    /// <value>Defaults to 10,000.</value>
    [Range(0, 1_000_000)]
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>Gets or sets the timeout of one attempt, until the response headers arrive.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the timeout over all attempts and the waits between them.</summary>
    /// <value>Defaults to 3 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "02:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets or sets the retries after the first attempt.</summary>
    /// <value>Defaults to 3.</value>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Gets or sets the first back-off delay; it doubles per attempt, with jitter.</summary>
    /// <value>Defaults to 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the cap on a single back-off delay.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the longest <c>Retry-After</c> we wait for in-call; a longer one fails the call at once
    /// with <see cref="Providers.ProviderResponseException.RetryAfter"/> set, so the caller can wait durably.
    /// </summary>
    /// <value>Defaults to 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets a value indicating whether back-off delays are jittered.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>Gets or sets the failure ratio over the sampling window that opens the circuit.</summary>
    /// <value>Defaults to 0.5.</value>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the calls the window must hold before the circuit may open.</summary>
    /// <value>Defaults to 10.</value>
    [Range(2, 100_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the breaker's sampling window; at least twice the attempt timeout.</summary>
    /// <value>Defaults to 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long an open circuit rejects calls before letting a probe through.</summary>
    /// <value>Defaults to 15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets the request rate cap (token bucket, per host); 0 means none.</summary>
    /// <value>Defaults to 0 (TMDb's options set 40).</value>
    [Range(0, 10_000)]
    public int RequestsPerSecond { get; set; }

    /// <summary>Returns the cross-field rules this instance breaks; empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, context, results, validateAllProperties: true);
        foreach (ValidationResult result in results)
        {
            yield return result.ErrorMessage ?? "invalid value";
        }

        if (AttemptTimeout > TotalTimeout)
        {
            yield return $"AttemptTimeout ({AttemptTimeout}) must not exceed TotalTimeout ({TotalTimeout}).";
        }

        if (BreakerSamplingDuration < 2 * AttemptTimeout)
        {
            yield return $"BreakerSamplingDuration ({BreakerSamplingDuration}) must be at least twice AttemptTimeout ({AttemptTimeout}).";
        }
    }

    /// <summary>Throws when <see cref="Validate"/> finds a problem, naming <paramref name="owner"/>.</summary>
    public void ThrowIfInvalid(string owner)
    {
        string[] problems = Validate().ToArray();
        if (problems.Length > 0)
        {
            throw new ArgumentException($"{owner} resilience options are invalid: {string.Join(" ", problems)}");
        }
    }
}
