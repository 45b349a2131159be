namespace MediaSync.Functions.Checks;

/// <summary>What <see cref="ProbeStreamActivity"/> returns to the orchestration: the classification and the numbers, never the URL.</summary>
/// <param name="Status">The probe status name (<c>Ok</c>, <c>HttpError</c>, <c>Timeout</c>, …), <see cref="AccountFull"/>, <see cref="SlotLost"/> or <see cref="NotReached"/>.</param>
/// <param name="HttpStatus">The final HTTP status, when one arrived.</param>
/// <param name="TtfbMs">Time to first byte.</param>
/// <param name="BitrateKbps">Measured bitrate.</param>
internal sealed record ProbeOutcome(string Status, int? HttpStatus, long? TtfbMs, long? BitrateKbps)
{
    /// <summary>The status of a probe that did not run because the caller's lease was no longer held (it expired while the activity waited).</summary>
    public const string SlotLost = "SlotLost";

    /// <summary>
    /// The status of a probe the provider refused twice while the account was at its connection limit: says nothing about
    /// the stream, so its StreamHealth is left as it was.
    /// </summary>
    public const string AccountFull = "AccountFull";

    /// <summary>
    /// The status of a stream the activity did not reach because its time was up (<see cref="StreamCheckOptions.ProbeBatchDuration"/>):
    /// the lane still holds its slot and probes it in its next activity.
    /// </summary>
    public const string NotReached = "NotReached";

    /// <summary>The outcome of a stream the activity left for the lane's next activity.</summary>
    public static ProbeOutcome Deferred { get; } = new(NotReached, null, null, null);

    /// <summary>The outcome of a stream whose probe did not run (its lease was gone).</summary>
    public static ProbeOutcome NotProbed { get; } = new(SlotLost, null, null, null);

    /// <summary>True when the probe did not run and nothing was recorded.</summary>
    public bool IsSlotLost => Status == SlotLost;

    /// <summary>True when the activity left the stream for the lane's next activity.</summary>
    public bool IsDeferred => Status == NotReached;
}
