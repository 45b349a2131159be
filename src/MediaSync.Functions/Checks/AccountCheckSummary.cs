namespace MediaSync.Functions.Checks;

/// <summary>The output of one account's part of a check.</summary>
/// <param name="AccountId">The xtream source id.</param>
/// <param name="Limit">The connection limit the part ran under (0 = unlimited).</param>
/// <param name="Total">Streams selected (before the per-account cap).</param>
/// <param name="Tally">The counts.</param>
/// <param name="Error">Why the part could not run (e.g. the catalog could not be read); null when it ran.</param>
internal sealed record AccountCheckSummary(string AccountId, int Limit, int Total, CheckTally Tally, string? Error = null);
