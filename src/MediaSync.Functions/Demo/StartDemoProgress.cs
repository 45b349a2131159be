using MediaSync.Durable;
using MediaSync.Hosting.Durable;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Demo;

/// <summary>
/// <c>POST /api/demo/progress?steps=N&amp;stepMs=M&amp;parallelism=P</c> (function key): starts the singleton
/// <see cref="DemoProgressOrchestrator"/> instance and answers 202 with the management links, or 409 with the
/// running instance's links.
/// </summary>
internal static class StartDemoProgress
{
    /// <summary>The HTTP function's name (keys: <c>Functions:StartDemoProgress:Keys:*</c>).</summary>
    public const string FunctionName = "StartDemoProgress";

    /// <summary>One demo at a time: a fixed instance id.</summary>
    public const string InstanceId = "demo-progress";

    /// <summary>Handles the request.</summary>
    public static async Task<IResult> RunAsync(
        HttpRequest request, DurableTaskClient client, ILoggerFactory loggerFactory, int? steps, int? stepMs, int? parallelism, CancellationToken cancellationToken)
    {
        var input = new DemoProgressInput(steps ?? 20, stepMs ?? 250, parallelism ?? 2);
        string? problem =
            Outside("steps", input.Steps, 1, DemoProgressInput.MaxSteps) ??
            Outside("stepMs", input.StepMilliseconds, 0, DemoProgressInput.MaxStepMilliseconds) ??
            Outside("parallelism", input.Parallelism, 1, DemoProgressInput.MaxParallelism);
        if (problem is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query parameter.", detail: problem);
        }

        // Cheap pre-check so the usual conflict answers without a failed start; the runtime still refuses a
        // concurrent start of a running id (OrchestrationAlreadyExistsException) and that race answers 409 too.
        OrchestrationMetadata? existing = await client.GetInstanceAsync(InstanceId, cancellation: cancellationToken).ConfigureAwait(false);
        if (existing is { IsRunning: true })
        {
            return DurableHttp.CreateConflictResponse(request, InstanceId, existing.RuntimeStatus);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                DemoProgressOrchestrator.Name, input, new StartOrchestrationOptions(InstanceId), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return DurableHttp.CreateConflictResponse(request, InstanceId);
        }

        Log.DemoStarted(loggerFactory.CreateLogger(typeof(StartDemoProgress).FullName!), InstanceId, input.Steps, input.StepMilliseconds);
        return DurableHttp.CreateCheckStatusResponse(request, InstanceId);
    }

    private static string? Outside(string name, int value, int min, int max) =>
        value < min || value > max ? $"'{name}' must be between {min} and {max} (was {value})." : null;
}
