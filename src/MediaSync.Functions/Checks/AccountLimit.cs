namespace MediaSync.Functions.Checks;

/// <summary>The connections a check may use on an account, or why it may use none.</summary>
/// <param name="Value">The limit set on the account's slots (0 = unlimited).</param>
/// <param name="Unavailable">Why no connection is free for checks (every one is held outside MediaSync); null when <paramref name="Value"/> applies.</param>
/// <param name="Guessed">The provider did not say (it failed or reported no limit): <paramref name="Value"/> is the configured fallback.</param>
internal sealed record AccountLimit(int Value, string? Unavailable = null, bool Guessed = false);
