using System.Text.Json.Serialization;

namespace MediaSync.Functions.Slots;

/// <summary>Who holds a slot: a stream check (may wait for one) or a relay viewer (never waits).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SlotKind>))]
internal enum SlotKind
{
    /// <summary>A stream check: queued FIFO when no slot is free.</summary>
    Check,

    /// <summary>A relay upstream shared by viewers: refused at once when no slot is free.</summary>
    Viewer,
}
