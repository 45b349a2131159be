using MediaSync.Durable;
using MediaSync.Hosting.Durable;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Checks;

/// <summary>
/// <c>POST /api/checks</c> (function key) with <c>{"account": "…"}</c>, <c>{"channel": "…", "account"?: "…"}</c> or
/// <c>{"streams": [{"account": "…", "stream": "…"}]}</c>: starts a <see cref="StreamCheckOrchestrator"/> and answers
/// 202 with the management links; 400 names the part of the body that is wrong.
/// </summary>
internal static class StartStreamCheck
{
    /// <summary>The HTTP function's name.</summary>
    public const string FunctionName = "StartStreamCheck";

    /// <summary>Handles the request.</summary>
    public static async Task<IResult> RunAsync(
        HttpRequest request, StreamCheckInput? body, StreamCheckPlanner planner, DurableTaskClient client, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        string checkId = "check-" + Guid.NewGuid().ToString("N");
        (StreamCheckPlan? plan, string? problem) = planner.Plan(checkId, body);
        if (plan is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid stream check request.", detail: problem);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(StreamCheckOrchestrator.Name, plan, new StartOrchestrationOptions(checkId), cancellationToken).ConfigureAwait(false);
        Log.StreamCheckStarted(loggerFactory.CreateLogger(typeof(StartStreamCheck).FullName!), checkId);
        return DurableHttp.CreateCheckStatusResponse(request, checkId);
    }
}
