namespace MediaSync.Functions.Checks;

/// <summary>The input of <see cref="ProbeStreamActivity"/>: ids only; the activity builds the URLs from the source's credentials.</summary>
/// <param name="AccountId">The xtream source id.</param>
/// <param name="StreamIds">The provider's live stream ids, probed one after another on the one connection the lease allows.</param>
/// <param name="CheckId">The check that asked (stored with the results).</param>
/// <param name="LeaseId">The account slot lease the caller holds; each probe runs only while it is held and ends before it expires.</param>
/// <param name="SlotWaitMs">How long the lane waited for its slot before the first of these streams (stored with that result); null when it already held it.</param>
internal sealed record ProbeStreamInput(string AccountId, IReadOnlyList<string> StreamIds, string CheckId, string LeaseId, int? SlotWaitMs);
