namespace MediaSync.Functions.Slots;

/// <summary>
/// The connection slots of one provider account (entity key = account id): checks and relay viewers count against
/// <c>max_streams</c>. An account whose limit was never set allows one stream at a time — the safe default, since
/// most IPTV accounts allow one connection and exceeding it gets the account blocked.
/// </summary>
internal sealed class AccountSlots(TimeProvider time) : SlotsEntity(time)
{
    /// <summary>The registered entity name.</summary>
    public const string EntityName = "AccountSlots";

    /// <summary>The limit of an account whose <c>max_streams</c> was never set.</summary>
    public const int UnsetLimit = 1;

    /// <inheritdoc />
    protected override int DefaultLimit => UnsetLimit;

    /// <summary>The entity id of <paramref name="accountId"/>'s slots.</summary>
    /// <param name="accountId">The provider account.</param>
    public static Durable.EntityInstanceId For(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return new Durable.EntityInstanceId(EntityName, accountId);
    }

    /// <inheritdoc />
    protected override string DescribeFull(int inUse, int limit) => $"account {Context.Id.Key} uses {inUse} of {limit} connections";
}
