// IMPORTANT: orchestrator code; awaits must resume on the replay thread (no ConfigureAwait(false)).
#pragma warning disable CA2007

using MediaSync.Durable;
using MediaSync.Functions.Progress;
using MediaSync.Functions.Slots;

namespace MediaSync.Functions.Checks;

/// <summary>
/// A stream check (<c>POST /api/checks</c>): sets the global cap on checks, reads every account's connection limit
/// (<see cref="GetAccountLimitActivity"/>, all at once), then runs one <see cref="AccountCheckOrchestrator"/>
/// per account (instance id <c>{checkId}:{accountId}</c>, at most <see cref="CheckSettings.MaxAccountsInFlight"/> at once)
/// and sums their counts. Progress while the accounts run is theirs; <c>GET /api/checks/{id}</c> adds them up.
/// </summary>
internal sealed class StreamCheckOrchestrator : TaskOrchestrator<StreamCheckPlan, StreamCheckSummary>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "StreamCheck";

    /// <summary>The instance id of an account's part.</summary>
    public static string AccountInstanceId(string checkId, string accountId) => $"{checkId}:{accountId}";

    /// <inheritdoc />
    public override async Task<StreamCheckSummary> RunAsync(TaskOrchestrationContext context, StreamCheckPlan input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        DateTime started = context.CurrentUtcDateTime;
        int accountsDone = 0;
        context.SetCustomStatus(ProgressStatus.Of("checking", 0, input.Accounts.Count, TimeSpan.Zero));
        await context.SetGlobalStreamSlotLimitAsync(input.Settings.GlobalLimit);

        // Every account's limit is read here, in one turn: the reads leave as one activity pack and come back together, so
        // the parts start straight at their slots instead of each paying a turn and a dispatch for its own read.
        AccountLimit[] read = await Task.WhenAll(input.Accounts.Select(part => ReadLimitAsync(context, part.AccountId)));
        var limits = input.Accounts.Select((part, i) => (part.AccountId, Limit: read[i])).ToDictionary(p => p.AccountId, p => p.Limit, StringComparer.Ordinal);

        IReadOnlyList<FanOutResult<AccountCheckSummary?>> parts = await context.WhenAllBoundedAsync(input.Accounts, input.Settings.MaxAccountsInFlight, async part =>
        {
            AccountLimit limit = limits[part.AccountId];
            if (limit.Unavailable is { } error)
            {
                accountsDone++;
                int selected = part.StreamIds?.Count ?? 0;
                return new AccountCheckSummary(part.AccountId, 0, selected, CheckTally.Empty with { NotChecked = selected }, error);
            }

            AccountCheckSummary? summary = await context.CallSubOrchestratorAsync<AccountCheckSummary?>(
                AccountCheckOrchestrator.Name, part with { Limit = limit.Value }, new SubOrchestrationOptions(AccountInstanceId(context.InstanceId, part.AccountId)));
            accountsDone++;
            context.SetCustomStatus(ProgressStatus.Of("checking", accountsDone, input.Accounts.Count, context.CurrentUtcDateTime - started));
            return summary;
        });

        var accounts = parts.Select(p => p.Value ?? new AccountCheckSummary(
            input.Accounts[p.Index].AccountId, 0, 0, CheckTally.Empty, p.Failure?.ErrorMessage ?? "the account's check ended without a summary")).ToList();
        CheckTally tally = accounts.Aggregate(CheckTally.Empty, (sum, a) => sum.Plus(a.Tally));
        context.SetCustomStatus(ProgressStatus.Of("done", accounts.Count, accounts.Count, context.CurrentUtcDateTime - started));
        return new StreamCheckSummary(accounts.Sum(a => a.Total), tally, accounts, (context.CurrentUtcDateTime - started).TotalSeconds);
    }

    private static async Task<AccountLimit> ReadLimitAsync(TaskOrchestrationContext context, string accountId)
    {
        try
        {
            return await context.CallActivityAsync<AccountLimit>(GetAccountLimitActivity.Name, accountId);
        }
        catch (TaskFailedException ex)
        {
            // The read falls back to the configured limit when the provider fails; this is the account itself gone
            // (e.g. its source removed since the check was planned): that account reports it, the others run.
            return new AccountLimit(0, $"the account's connection limit could not be read: {ex.FailureDetails.ErrorMessage}");
        }
    }
}
