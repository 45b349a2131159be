using System.Reflection;
using MediaSync.Hosting.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace MediaSync.Hosting.Health;

/// <summary>Anonymous <c>GET /{routePrefix}/health</c>: storage reachability, version and every <see cref="IHealthContributor"/>.</summary>
internal static class HealthEndpoint
{
    public const string FunctionName = "Health";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static void MapHealth(this IEndpointRouteBuilder endpoints, string pathPrefix) =>
        endpoints.MapGet(pathPrefix + "/health", CheckAsync)
            .WithMetadata(new FunctionEndpointMetadata(FunctionName, AuthLevel.Anonymous))
            .WithName(FunctionName);

    private static async Task<IResult> CheckAsync(IEnumerable<IHealthContributor> contributors, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        ILogger logger = loggers.CreateLogger(typeof(HealthEndpoint).FullName!);
        var entries = await Task.WhenAll(contributors.Select(c => RunAsync(c, logger, time, cancellationToken))).ConfigureAwait(false);
        bool healthy = entries.All(e => e.Result.IsHealthy);
        var body = new
        {
            status = healthy ? "Healthy" : "Unhealthy",
            version = Version,
            checks = entries.ToDictionary(e => e.Name, e => (object)new { healthy = e.Result.IsHealthy, data = e.Result.Data }),
        };
        return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static string Version { get; } =
        (Assembly.GetEntryAssembly() ?? typeof(HealthEndpoint).Assembly).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    private static async Task<(string Name, HealthContribution Result)> RunAsync(IHealthContributor contributor, ILogger logger, TimeProvider time, CancellationToken requestAborted)
    {
        using var timeout = new CancellationTokenSource(CheckTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, timeout.Token);
        try
        {
            return (contributor.Name, await contributor.CheckAsync(linked.Token).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            Log.HealthCheckFailed(logger, ex, contributor.Name);
            return (contributor.Name, new HealthContribution(false, new Dictionary<string, object?> { ["error"] = ex is OperationCanceledException ? "timeout" : "failed" }));
        }
    }
}
