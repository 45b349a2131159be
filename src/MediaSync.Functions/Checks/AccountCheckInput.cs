namespace MediaSync.Functions.Checks;

/// <summary>
/// The input of one account's part of a check (<see cref="AccountCheckOrchestrator"/>), carried from page to page
/// through continue-as-new: the selection, the settings, where the listing continues and the counts so far.
/// </summary>
/// <param name="CheckId">The check (parent orchestration) id, stored with every result.</param>
/// <param name="AccountId">The xtream source id.</param>
/// <param name="Settings">The check's settings.</param>
/// <param name="Channel">Only this channel (stream id, EPG id or name); null = every live channel, unless <paramref name="StreamIds"/> is set.</param>
/// <param name="StreamIds">Explicit stream ids (the whole list; <paramref name="Offset"/> says where the next page starts).</param>
/// <param name="Continuation">Where the catalog listing continues; null on the first page.</param>
/// <param name="Offset">Streams taken so far.</param>
/// <param name="Tally">The counts of the pages already done.</param>
/// <param name="Total">How many streams the check covers, once known.</param>
/// <param name="Limit">The account's connection limit (0 = unlimited), read by the check before it starts the part; required to run.</param>
/// <param name="StartedAt">When the account's part started (for the rate), from the orchestration clock.</param>
/// <param name="MaxLanes">
/// The most connections the part uses at once, below the account's limit: its share of the global cap when several accounts
/// are checked together (more lanes would only wait in the global line and hand the slot on); null = the account's limit.
/// </param>
internal sealed record AccountCheckInput(
    string CheckId,
    string AccountId,
    CheckSettings Settings,
    string? Channel = null,
    IReadOnlyList<string>? StreamIds = null,
    string? Continuation = null,
    int Offset = 0,
    CheckTally? Tally = null,
    int? Total = null,
    int? Limit = null,
    DateTime? StartedAt = null,
    int? MaxLanes = null);
