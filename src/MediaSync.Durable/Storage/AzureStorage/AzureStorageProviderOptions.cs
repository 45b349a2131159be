using System.ComponentModel.DataAnnotations;

namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>How the Azure Storage clients retry and time out.</summary>
internal sealed class AzureStorageProviderOptions
{
    /// <summary>Retries after the first try of a transient failure (408, 429, 5xx, network errors).</summary>
    /// <value>Default 3, as the SDK.</value>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later retries back off exponentially up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>Default 100 ms: Azurite and a healthy account answer in milliseconds, so the SDK's 0.8 s only adds latency.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between retries.</summary>
    /// <value>Default 2 s.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one try may take on the network before it counts as failed.</summary>
    /// <value>Default 30 s (a table query runs at most 5 s on the server; the SDK's 100 s hides dead connections).</value>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A try that takes this long is logged (warning 60) with its method and path.</summary>
    /// <value>Default 5 s: storage answers in milliseconds, so such a try is a hung connection or a throttled account.</value>
    public TimeSpan SlowRequestThreshold { get; set; } = TimeSpan.FromSeconds(5);
}
