using System.ComponentModel.DataAnnotations;

namespace MediaSync.Hosting.Configuration;

/// <summary>host.json <c>extensions.durableTask</c>, with Durable Functions' names, meanings and defaults.</summary>
internal sealed class DurableTaskHostOptions
{
    /// <summary>Gets or sets the task hub name (queue, table and container names derive from it).</summary>
    /// <value>Defaults to <c>TestHubName</c>, as in Durable Functions.</value>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "must be 3-45 letters and digits, starting with a letter")]
    public string HubName { get; set; } = "TestHubName";

    /// <summary>Gets or sets the storage provider settings.</summary>
    public DurableStorageProviderOptions StorageProvider { get; set; } = new();

    /// <summary>Gets or sets how many activities one host process runs at once.</summary>
    /// <value>Defaults to 10 × processor count.</value>
    [Range(1, 10_000)]
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Gets or sets how many orchestrations one host process runs at once.</summary>
    /// <value>Defaults to 10 × processor count.</value>
    [Range(1, 10_000)]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;
}
