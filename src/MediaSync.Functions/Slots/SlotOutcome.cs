using System.Text.Json.Serialization;

namespace MediaSync.Functions.Slots;

/// <summary>What an <c>Acquire</c> did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SlotOutcome>))]
internal enum SlotOutcome
{
    /// <summary>The lease is held now.</summary>
    Granted,

    /// <summary>The lease waits in line; the grant arrives as the event <c>slot:{leaseId}</c>.</summary>
    Queued,

    /// <summary>No slot and the caller does not wait (viewers).</summary>
    Refused,
}
