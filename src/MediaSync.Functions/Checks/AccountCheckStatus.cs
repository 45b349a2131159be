using MediaSync.Functions.Progress;

namespace MediaSync.Functions.Checks;

/// <summary>One account's part in <see cref="StreamCheckStatus"/>.</summary>
/// <param name="AccountId">The xtream source id.</param>
/// <param name="RuntimeStatus">The part's orchestration status.</param>
/// <param name="Progress">Its progress, once it reported one.</param>
internal sealed record AccountCheckStatus(string AccountId, string RuntimeStatus, ProgressStatus? Progress);
