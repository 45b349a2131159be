namespace MediaSync.Functions.Checks;

/// <summary>The input of <see cref="ProbeStreamActivity"/>: ids only; the activity builds the URL from the source's credentials.</summary>
/// <param name="AccountId">The xtream source id.</param>
/// <param name="StreamId">The provider's live stream id.</param>
/// <param name="CheckId">The check that asked (stored with the result).</param>
/// <param name="LeaseId">The account slot lease the caller holds; the probe runs only while it is held and ends before it expires.</param>
/// <param name="SlotWaitMs">How long the check waited for its slot (stored with the result).</param>
internal sealed record ProbeStreamInput(string AccountId, string StreamId, string CheckId, string LeaseId, int SlotWaitMs);
