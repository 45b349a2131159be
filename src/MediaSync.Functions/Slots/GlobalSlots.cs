namespace MediaSync.Functions.Slots;

/// <summary>
/// The cap on stream checks across all accounts (one entity, key <see cref="Key"/>). Taken after the account slot and
/// released before it, so a check waiting for a busy account never sits on a global slot. Unlimited until a limit is
/// set: the account limits already bound the load, and the check orchestration sets its global cap.
/// </summary>
internal sealed class GlobalSlots(TimeProvider time) : SlotsEntity(time)
{
    /// <summary>The registered entity name.</summary>
    public const string EntityName = "GlobalSlots";

    /// <summary>The single entity's key.</summary>
    public const string Key = "global";

    /// <summary>The entity id.</summary>
    public static readonly Durable.EntityInstanceId Id = new(EntityName, Key);

    /// <inheritdoc />
    protected override int DefaultLimit => 0;

    /// <inheritdoc />
    protected override string DescribeFull(int inUse, int limit) => $"all {limit} global check slots are in use";
}
