namespace MediaSync.Functions.Checks;

/// <summary>
/// The settings a check runs with, fixed when it starts and carried in its input: an orchestration must not read
/// configuration itself, since a change between two replays would change its decisions.
/// </summary>
/// <param name="GlobalLimit">Checks at once across all accounts.</param>
/// <param name="StaggerMs">Milliseconds between two probe starts on one account.</param>
/// <param name="SlotTtlMs">The lease time of a check's slot.</param>
/// <param name="SlotWaitTimeoutMs">How long a check waits for a slot; null = as long as it takes.</param>
/// <param name="PageSize">Streams per page of an account's check.</param>
/// <param name="MaxStreamsPerAccount">The most streams one check takes from an account.</param>
/// <param name="MaxInFlightPerAccount">Checks of an account in flight when the account has no limit.</param>
/// <param name="MaxAccountsInFlight">Accounts checked at once.</param>
/// <param name="ProbeBatchSize">The most streams one probe activity takes (1 when there is a stagger delay).</param>
internal sealed record CheckSettings(
    int GlobalLimit,
    int StaggerMs,
    int SlotTtlMs,
    int? SlotWaitTimeoutMs,
    int PageSize,
    int MaxStreamsPerAccount,
    int MaxInFlightPerAccount,
    int MaxAccountsInFlight,
    int ProbeBatchSize = 1)
{
    /// <summary>The settings of <paramref name="options"/>.</summary>
    public static CheckSettings From(StreamCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CheckSettings(
            options.GlobalLimit,
            (int)options.StaggerDelay.TotalMilliseconds,
            (int)options.SlotTtl.TotalMilliseconds,
            options.SlotWaitTimeout is { } wait ? (int)wait.TotalMilliseconds : null,
            options.PageSize,
            options.MaxStreamsPerAccount,
            options.MaxInFlightPerAccount,
            options.MaxAccountsInFlight,
            options.ProbeBatchSize);
    }
}
