using MediaSync.Functions.Progress;

namespace MediaSync.Functions.Checks;

/// <summary>The body of <c>GET /api/checks/{id}</c>.</summary>
/// <param name="Id">The check id.</param>
/// <param name="RuntimeStatus">The check orchestration's status.</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="LastUpdatedAt">When it last changed.</param>
/// <param name="Progress">Streams done of the streams selected, summed over the accounts.</param>
/// <param name="Accounts">Each account's part: status and progress.</param>
/// <param name="Summary">The counts, once the check completed.</param>
/// <param name="Failure">Why it failed, if it did.</param>
internal sealed record StreamCheckStatus(
    string Id,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    ProgressStatus Progress,
    IReadOnlyList<AccountCheckStatus> Accounts,
    StreamCheckSummary? Summary,
    string? Failure);

