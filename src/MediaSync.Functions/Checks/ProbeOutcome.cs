namespace MediaSync.Functions.Checks;

/// <summary>What <see cref="ProbeStreamActivity"/> returns to the orchestration: the classification and the numbers, never the URL.</summary>
/// <param name="Status">The probe status name (<c>Ok</c>, <c>HttpError</c>, <c>Timeout</c>, …), <see cref="AccountFull"/> or <see cref="SlotLost"/>.</param>
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

    /// <summary>The outcome of a stream whose probe did not run (its lease was gone).</summary>
    public static ProbeOutcome NotProbed { get; } = new(SlotLost, null, null, null);

    /// <summary>True when the probe did not run and nothing was recorded.</summary>
    public bool IsSlotLost => Status == SlotLost;
}
