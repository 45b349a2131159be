namespace MediaSync.Functions.TestWorker;

/// <summary>One acquire / work / release round of <see cref="SlotsWorker.Rounds"/>.</summary>
/// <param name="Account">The account whose slot it takes.</param>
/// <param name="HoldMs">How long the work under the slot lasts.</param>
/// <param name="Crash">Leave without releasing (the lease must expire).</param>
internal sealed record SlotRound(string Account, int HoldMs, bool Crash);

/// <summary>Input of the work activity: it refuses to start, and stops, at the lease's expiry.</summary>
internal sealed record SlotRoundWork(string Tag, string Account, int HoldMs, DateTimeOffset ExpiresAt);
