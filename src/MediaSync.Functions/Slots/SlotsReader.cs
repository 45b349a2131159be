using System.Text.Json;
using MediaSync.Durable;

namespace MediaSync.Functions.Slots;

/// <summary>
/// The read model of the slots (last committed entity state, leases already past their expiry left out): what
/// <c>GET /api/accounts/{id}/slots</c> and the dashboard show.
/// </summary>
internal sealed class SlotsReader(DurableTaskClient client, TimeProvider time)
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    /// <summary>An account's limit, held leases and waiters; an account never seen has its default limit and nothing held.</summary>
    /// <param name="accountId">The provider account.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<SlotsSnapshot> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        EntityMetadata<SlotsState>? entity = await client.Entities.GetEntityAsync<SlotsState>(AccountSlots.For(accountId), cancellationToken).ConfigureAwait(false);
        return Current(entity?.State, AccountSlots.UnsetLimit);
    }

    /// <summary>The global check cap and its holders.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<SlotsSnapshot> GetGlobalAsync(CancellationToken cancellationToken)
    {
        EntityMetadata<SlotsState>? entity = await client.Entities.GetEntityAsync<SlotsState>(GlobalSlots.Id, cancellationToken).ConfigureAwait(false);
        return Current(entity?.State, 0);
    }

    /// <summary>Every account that has a slots entity, by account id.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<(string AccountId, SlotsSnapshot Slots)>> GetAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<(string, SlotsSnapshot)>();
        var query = new EntityQuery { InstanceIdStartsWith = $"@{AccountSlots.EntityName.ToLowerInvariant()}@" };
        await foreach (EntityMetadata entity in client.Entities.GetAllEntitiesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            SlotsState? state = entity.SerializedState is { } json ? JsonSerializer.Deserialize<SlotsState>(json, StateJson) : null;
            accounts.Add((entity.Id.Key, Current(state, AccountSlots.UnsetLimit)));
        }

        return accounts;
    }

    private SlotsSnapshot Current(SlotsState? state, int defaultLimit)
    {
        if (state is null)
        {
            return new SlotsSnapshot(defaultLimit, LimitIsDefault: true, [], []);
        }

        DateTimeOffset now = time.GetUtcNow();
        state.Held.RemoveAll(l => l.ExpiresAt <= now);
        return SlotsEntity.ToSnapshot(state, defaultLimit);
    }
}
