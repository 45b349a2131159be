namespace MediaSync.Functions.Sync.Xtream;

/// <summary>Connections lent to a running unit on top of those it started with.</summary>
/// <param name="Token">The unit's token (<see cref="XtreamUnitInput.LoanToken"/>), unique to one scheduling of the unit.</param>
/// <param name="Extra">The connections on loan.</param>
internal sealed record ConnectionLoan(string Token, int Extra);
