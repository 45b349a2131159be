namespace MediaSync.Functions.Checks;

/// <summary>The output of a check: the counts over all accounts and per account.</summary>
/// <param name="Total">Streams selected.</param>
/// <param name="Tally">The counts over all accounts.</param>
/// <param name="Accounts">Per account.</param>
/// <param name="ElapsedSeconds">From start to the last account's end (orchestration clock).</param>
internal sealed record StreamCheckSummary(int Total, CheckTally Tally, IReadOnlyList<AccountCheckSummary> Accounts, double ElapsedSeconds);
