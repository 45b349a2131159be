namespace MediaSync.Functions.Slots;

/// <summary>Result of the <c>Acquire</c> operation.</summary>
/// <param name="Outcome">Granted, queued or refused.</param>
/// <param name="ExpiresAt">When granted: the lease's expiry.</param>
/// <param name="Position">When queued: 1 for the head of the line.</param>
/// <param name="Reason">When refused: a reason a viewer can read, e.g. "account acme uses 2 of 2 connections".</param>
internal sealed record SlotAcquireResult(SlotOutcome Outcome, DateTimeOffset? ExpiresAt = null, int? Position = null, string? Reason = null);
