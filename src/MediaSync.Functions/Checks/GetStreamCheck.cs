using MediaSync.Durable;
using MediaSync.Functions.Progress;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Functions.Checks;

/// <summary>
/// <c>GET /api/checks/{id}</c> (function key): the check's status, its progress summed over its accounts' parts
/// (streams done of streams selected), each part's status and, once completed, the counts. Never the input.
/// </summary>
internal static class GetStreamCheck
{
    /// <summary>The HTTP function's name.</summary>
    public const string FunctionName = "GetStreamCheck";

    /// <summary>Handles the request.</summary>
    public static async Task<IResult> RunAsync(string id, DurableTaskClient client, TimeProvider time, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? check = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (check is null || check.Name != StreamCheckOrchestrator.Name)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown stream check.", detail: $"No stream check '{id}' exists.");
        }

        var accounts = new List<AccountCheckStatus>();
        string prefix = StreamCheckOrchestrator.AccountInstanceId(id, string.Empty);
        await foreach (OrchestrationMetadata part in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            accounts.Add(new AccountCheckStatus(part.InstanceId[prefix.Length..], part.RuntimeStatus.ToString(), part.ReadCustomStatusAs<ProgressStatus>()));
        }

        accounts.Sort((a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        int done = accounts.Sum(a => a.Progress?.Done ?? 0);
        int total = accounts.Sum(a => a.Progress?.Total ?? 0);
        string phase = check.IsRunning ? "checking" : check.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? "done" : check.RuntimeStatus.ToString().ToLowerInvariant();
        TimeSpan elapsed = (check.IsRunning ? time.GetUtcNow() : check.LastUpdatedAt) - check.CreatedAt;
        StreamCheckSummary? summary = check.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? check.ReadOutputAs<StreamCheckSummary>() : null;
        return TypedResults.Ok(new StreamCheckStatus(
            id, check.RuntimeStatus.ToString(), check.CreatedAt, check.LastUpdatedAt, ProgressStatus.Of(phase, done, total, elapsed), accounts, summary, check.FailureDetails?.ToString()));
    }
}
