namespace MediaSync.Durable;

/// <summary>Entities from outside orchestrations (clients and activities): signal, read state, query, clean up.</summary>
public abstract class DurableEntityClient
{
    /// <summary>Signals an operation (one-way); with <see cref="SignalEntityOptions.SignalTime"/> it is delivered not before that time.</summary>
    /// <param name="id">The entity.</param>
    /// <param name="operationName">The operation.</param>
    /// <param name="input">The operation input.</param>
    /// <param name="options">When to deliver it.</param>
    /// <param name="cancellation">Cancels the send.</param>
    public abstract Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null, CancellationToken cancellation = default);

    /// <summary>The entity's state as last committed, or null when it does not exist (never signalled, or deleted).</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="id">The entity.</param>
    /// <param name="cancellation">Cancels the read.</param>
    public abstract Task<EntityMetadata<TState>?> GetEntityAsync<TState>(EntityInstanceId id, CancellationToken cancellation = default);

    /// <summary>One page of entities whose instance id starts with the query's prefix (deleted ones are skipped).</summary>
    /// <param name="query">The filter and paging.</param>
    /// <param name="cancellation">Cancels the query.</param>
    public abstract Task<EntityQueryPage> QueryEntitiesAsync(EntityQuery query, CancellationToken cancellation = default);

    /// <summary>Removes entities that have no state (deleted ones), with their storage.</summary>
    /// <param name="cancellation">Cancels the clean-up (what is removed stays removed).</param>
    public abstract Task<CleanEntityStorageResult> CleanEntityStorageAsync(CancellationToken cancellation = default);

    /// <summary>Every entity matching the query, page by page.</summary>
    /// <param name="query">The filter; null for all entities.</param>
    /// <param name="cancellation">Cancels the enumeration.</param>
    public virtual async IAsyncEnumerable<EntityMetadata> GetAllEntitiesAsync(EntityQuery? query = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        query ??= new EntityQuery();
        do
        {
            var page = await QueryEntitiesAsync(query, cancellation).ConfigureAwait(false);
            foreach (var item in page.Values)
            {
                yield return item;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
    }
}

/// <summary>An entity and its serialized state.</summary>
/// <param name="Id">The entity.</param>
public record EntityMetadata(EntityInstanceId Id)
{
    /// <summary>When the entity's state last changed.</summary>
    public DateTimeOffset LastModifiedTime { get; init; }

    /// <summary>The state JSON (null unless requested).</summary>
    public string? SerializedState { get; init; }
}

/// <summary>An entity and its typed state.</summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <param name="Id">The entity.</param>
/// <param name="State">The state.</param>
public sealed record EntityMetadata<TState>(EntityInstanceId Id, TState State) : EntityMetadata(Id);

/// <summary>Which entities to list.</summary>
public sealed record EntityQuery
{
    /// <summary>An instance-id prefix such as <c>@counter@</c>; a prefix without the leading '@' is taken as an entity-name prefix.</summary>
    /// <value>Default: null (all entities).</value>
    public string? InstanceIdStartsWith { get; init; }

    /// <summary>Whether to return each entity's state.</summary>
    /// <value>Default: true.</value>
    public bool IncludeState { get; init; } = true;

    /// <summary>Entities per page.</summary>
    /// <value>Default: 100.</value>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page ended.</summary>
    /// <value>Default: null (the first page).</value>
    public string? ContinuationToken { get; init; }
}

/// <summary>One page of an entity query.</summary>
/// <param name="Values">The entities.</param>
/// <param name="ContinuationToken">The token of the next page, or null at the end.</param>
public sealed record EntityQueryPage(IReadOnlyList<EntityMetadata> Values, string? ContinuationToken);

/// <summary>What <see cref="DurableEntityClient.CleanEntityStorageAsync"/> removed.</summary>
/// <param name="EmptyEntitiesRemoved">How many entities without state were removed.</param>
public sealed record CleanEntityStorageResult(int EmptyEntitiesRemoved);
