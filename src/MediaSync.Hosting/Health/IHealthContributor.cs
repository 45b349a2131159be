namespace MediaSync.Hosting.Health;

/// <summary>
/// Adds an entry to <c>GET /{routePrefix}/health</c> (for example the durable runtime's owned partitions).
/// Register implementations as singletons: <c>services.AddSingleton&lt;IHealthContributor, MyContributor&gt;()</c>.
/// </summary>
public interface IHealthContributor
{
    /// <summary>Gets the entry's name in the health payload.</summary>
    string Name { get; }

    /// <summary>Checks quickly (the endpoint cancels after a few seconds); never returns secrets.</summary>
    /// <param name="cancellationToken">Cancelled when the check takes too long.</param>
    /// <returns>The entry.</returns>
    Task<HealthContribution> CheckAsync(CancellationToken cancellationToken);
}
