namespace MediaSync.Durable;

/// <summary>
/// Durable retry for activities and sub-orchestrations: between attempts a durable timer of
/// <c>min(first × coefficient^(retry−1), max)</c>, while <c>now &lt; firstAttempt + retryTimeout</c>.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">Attempts in total, including the first (≥ 1).</param>
    /// <param name="firstRetryInterval">The delay before the second attempt.</param>
    /// <param name="backoffCoefficient">Growth factor of the delay (≥ 1).</param>
    /// <param name="maxRetryInterval">Cap of a single delay; default 1 hour.</param>
    /// <param name="retryTimeout">No attempt starts after first attempt + this; default unbounded.</param>
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Attempts in total, including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>The delay before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Growth factor of the delay.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Cap of a single delay.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>No attempt starts after first attempt + this (<see cref="Timeout.InfiniteTimeSpan"/>: unbounded).</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Which failures to retry; null retries every failure.</summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>The delay before attempt <paramref name="attempt"/> (2 = first retry).</summary>
    internal TimeSpan DelayBefore(int attempt)
    {
        double ms = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, attempt - 2);
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxRetryInterval.TotalMilliseconds));
    }
}
