using MediaSync.Durable.Engine;

namespace MediaSync.Durable.Client;

/// <summary>The entity client over a task hub's storage: signals go to control queues, state is read from state rows.</summary>
internal sealed class StorageDurableEntityClient(TaskHub hub) : DurableEntityClient
{
    private readonly SignalCoalescer coalescer = new(hub);

    public override async Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationName);
        string? json = DataConverter.Serialize(input);
        if (json is not null && json.Length > hub.Options.StorageProvider.MaxPayloadBytes)
        {
            throw new ArgumentException($"The input of operation '{operationName}' on {id} is {json.Length} characters; the maximum is {hub.Options.StorageProvider.MaxPayloadBytes}.", nameof(input));
        }

        await hub.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        var now = hub.UtcNow;
        var signalTime = options?.SignalTime?.UtcDateTime;
        var envelope = new Envelope
        {
            Id = MessageIds.NewClientId(),
            InstanceId = id.ToString(),
            SentAt = now,
            Event = new HistoryEvent { Type = EventType.EntityOperationSignaled, Name = operationName, Input = json, FireAt = signalTime, Timestamp = now },
        };
        if (signalTime is null)
        {
            await coalescer.SendAsync(envelope, cancellation).ConfigureAwait(false);
        }
        else
        {
            await hub.SendEnvelopesAsync([(envelope, signalTime)], cancellation).ConfigureAwait(false);
        }
    }

    public override async Task<EntityMetadata<TState>?> GetEntityAsync<TState>(EntityInstanceId id, CancellationToken cancellation = default)
    {
        await hub.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        var found = await hub.Instances.GetStateAsync(id.ToString(), cancellation).ConfigureAwait(false);
        if (found?.State is not { Entity.StoredState: { } stored } state)
        {
            return null;
        }

        string? json = await hub.Payloads.ResolveAsync(stored, cancellation).ConfigureAwait(false);
        return new EntityMetadata<TState>(id, DataConverter.Deserialize<TState>(json)!)
        {
            LastModifiedTime = state.LastUpdatedAt,
            SerializedState = json,
        };
    }

    public override async Task<EntityQueryPage> QueryEntitiesAsync(EntityQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await hub.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        string prefix = query.InstanceIdStartsWith switch
        {
            null or "" => "@",
            ['@', ..] p => p,
            var name => "@" + name.ToLowerInvariant(),
        };
        int pageSize = Math.Clamp(query.PageSize, 1, 1000);

        // Tombstones are skipped, so a page may come back short: keep reading until it is full or the end.
        var values = new List<EntityMetadata>();
        string? token = query.ContinuationToken;
        do
        {
            var (rows, next) = await hub.Instances.QueryEntitiesAsync(prefix, pageSize - values.Count, token, cancellation).ConfigureAwait(false);
            foreach (var (state, _) in rows)
            {
                if (state.Entity?.StoredState is not { } stored)
                {
                    continue;
                }

                values.Add(new EntityMetadata(EntityInstanceId.FromString(state.InstanceId))
                {
                    LastModifiedTime = state.LastUpdatedAt,
                    SerializedState = query.IncludeState ? await hub.Payloads.ResolveAsync(stored, cancellation).ConfigureAwait(false) : null,
                });
            }

            token = next;
        }
        while (token is not null && values.Count < pageSize);

        return new EntityQueryPage(values, token);
    }

    public override async Task<CleanEntityStorageResult> CleanEntityStorageAsync(CancellationToken cancellation = default)
    {
        await hub.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        int removed = 0;
        string? token = null;
        do
        {
            var (rows, next) = await hub.Instances.QueryEntitiesAsync("@", 1000, token, cancellation).ConfigureAwait(false);
            foreach (var (state, etag) in rows)
            {
                // Conditional on the ETag read: an entity that got an operation meanwhile is kept.
                if (state.Entity is { StoredState: null } && await hub.Instances.DeleteEntityAsync(state.InstanceId, etag, cancellation).ConfigureAwait(false))
                {
                    removed++;
                }
            }

            token = next;
        }
        while (token is not null);

        return new CleanEntityStorageResult(removed);
    }
}
