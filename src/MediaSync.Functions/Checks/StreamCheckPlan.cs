namespace MediaSync.Functions.Checks;

/// <summary>The input of <see cref="StreamCheckOrchestrator"/>: the request resolved to accounts (ids only) and the settings.</summary>
/// <param name="Accounts">One part per account.</param>
/// <param name="Settings">The settings every part runs with.</param>
internal sealed record StreamCheckPlan(IReadOnlyList<AccountCheckInput> Accounts, CheckSettings Settings);
