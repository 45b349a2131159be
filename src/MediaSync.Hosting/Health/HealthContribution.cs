namespace MediaSync.Hosting.Health;

/// <summary>One entry of the health payload.</summary>
/// <param name="IsHealthy">False turns the whole answer into 503.</param>
/// <param name="Data">Optional details serialized as JSON (counts, ids; no secrets).</param>
public sealed record HealthContribution(bool IsHealthy, IReadOnlyDictionary<string, object?>? Data = null);
