namespace MediaSync.Functions.Checks;

/// <summary>One past check of a stream, as kept in its StreamHealth row.</summary>
/// <param name="CheckedAt">When the probe ended.</param>
/// <param name="Status">The probe status name.</param>
/// <param name="HttpStatus">The final HTTP status, when one arrived.</param>
/// <param name="TtfbMs">Time to first byte.</param>
/// <param name="BitrateKbps">Measured bitrate.</param>
/// <param name="CheckId">The check orchestration that ran it.</param>
/// <param name="SlotWaitMs">How long the check waited for a free connection slot.</param>
internal sealed record StreamHealthCheck(DateTimeOffset CheckedAt, string Status, int? HttpStatus, long? TtfbMs, long? BitrateKbps, string? CheckId, int? SlotWaitMs = null);
