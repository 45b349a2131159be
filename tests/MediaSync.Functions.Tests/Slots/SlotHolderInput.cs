namespace MediaSync.Functions.Tests.Slots;

/// <summary>Input of the test holder orchestration.</summary>
/// <param name="Account">The account whose slot it takes.</param>
/// <param name="Tag">Its name in the recorder.</param>
/// <param name="HoldMs">How long its activity works under the slot.</param>
/// <param name="TtlMs">The lease TTL.</param>
/// <param name="WaitTimeoutMs">The wait timeout (null waits forever).</param>
/// <param name="WaitForFinish">Hold until the event "finish" arrives.</param>
/// <param name="Crash">Never release (the lease must expire).</param>
/// <param name="GlobalPriority">Its place in the global line.</param>
internal sealed record SlotHolderInput(string Account, string Tag, int HoldMs = 0, int TtlMs = 60_000, int? WaitTimeoutMs = null, bool WaitForFinish = false, bool Crash = false, int GlobalPriority = 0);

/// <summary>Input of the test activity that works under a slot.</summary>
internal sealed record SlotWorkInput(string Account, string Tag, int HoldMs);
