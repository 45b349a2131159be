using System.Text.Json;
using MediaSync.Durable.Engine;
using MediaSync.Durable.Storage;

namespace MediaSync.Durable.Client;

/// <summary>The client over a task hub's storage: reads state rows, sends control messages.</summary>
internal sealed class StorageDurableTaskClient(TaskHub hub) : DurableTaskClient
{
    private readonly StorageDurableEntityClient entities = new(hub);

    public override DurableEntityClient Entities => entities;

    private static readonly OrchestrationRuntimeStatus[] TerminalStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        await hub.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (EntityInstanceId.IsEntity(instanceId))
        {
            // Such ids are routed to the entity processor, which would never run the orchestrator.
            throw new ArgumentException($"Instance id '{instanceId}' has the entity form '@name@key'; orchestration ids must not.", nameof(options));
        }

        string? json = DataConverter.Serialize(input);
        if (json is not null && json.Length > hub.Options.StorageProvider.MaxPayloadBytes)
        {
            throw new ArgumentException($"The input is {json.Length} characters; the maximum is {hub.Options.StorageProvider.MaxPayloadBytes}.", nameof(input));
        }

        var replaceable = options?.ReplaceableStatuses ?? TerminalStatuses;
        var existing = await hub.Instances.GetStateAsync(instanceId, cancellation).ConfigureAwait(false);
        if (existing is { } e && !replaceable.Contains(e.State.Status))
        {
            throw new OrchestrationAlreadyExistsException(instanceId, e.State.Status);
        }

        var now = hub.TimeProvider.GetUtcNow();
        string executionId = Guid.NewGuid().ToString("N");
        var start = new Envelope
        {
            Id = MessageIds.NewClientId(),
            InstanceId = instanceId,
            SentAt = now.UtcDateTime,
            ExpectedPriorExecutionId = existing?.State.ExecutionId,
            Event = new HistoryEvent { Type = EventType.ExecutionStarted, Name = orchestratorName.Name, Input = json, ExecutionId = executionId },
        };

        // Send first, then write the Pending row: a client that dies in between still starts the instance (no stuck
        // Pending). The message reaches this host's dispatcher only when delivered, after the Pending row is written, so
        // the first turn does not race the write; it is delivered also when the start fails, for the turn to discard it.
        var delivery = await hub.SendStartAsync(start, options?.StartAt?.UtcDateTime, cancellation).ConfigureAwait(false);
        var pending = new InstanceState
        {
            InstanceId = instanceId,
            Name = orchestratorName.Name,
            ExecutionId = executionId,
            Status = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = json,
            CommitSeq = existing?.State.CommitSeq ?? 0,
            FirstCommitSeq = existing?.State.FirstCommitSeq ?? 0,
        };
        try
        {
            try
            {
                await hub.Instances.WriteStateOnlyAsync(pending, existing?.ETag, cancellation).ConfigureAwait(false);
            }
            catch (StorageConflictException)
            {
                var now2 = await hub.Instances.GetStateAsync(instanceId, cancellation).ConfigureAwait(false);
                if (now2?.State.ExecutionId != executionId)
                {
                    throw new OrchestrationAlreadyExistsException(instanceId, now2?.State.Status ?? OrchestrationRuntimeStatus.Pending);
                }

                // A poller took the start message first and its turn writes the index.
                return instanceId;
            }

            if (existing is null)
            {
                // A new instance's Pending index row is only ever inserted, so it cannot overwrite what the first turn
                // writes: the turn can start while the index write is still on its way.
                await delivery.DeliverAsync().ConfigureAwait(false);
                await hub.Instances.InsertIndexIfAbsentAsync(pending, cancellation).ConfigureAwait(false);
            }
            else
            {
                // Replacing: the old execution's row is overwritten, and only then may the new execution's first turn run.
                await hub.Instances.UpsertIndexAsync(pending, cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            await delivery.DeliverAsync().ConfigureAwait(false);
        }

        return instanceId;
    }

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        await hub.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        var found = await hub.Instances.GetStateAsync(instanceId, cancellation).ConfigureAwait(false);
        if (found is not { } f)
        {
            return null;
        }

        return await ToMetadataAsync(f.State, getInputsAndOutputs, cancellation).ConfigureAwait(false);
    }

    private async Task<OrchestrationMetadata> ToMetadataAsync(InstanceState s, bool getInputsAndOutputs, CancellationToken cancellation) =>
        new(s.Name, s.InstanceId)
        {
            RuntimeStatus = s.Status,
            CreatedAt = s.CreatedAt,
            LastUpdatedAt = s.LastUpdatedAt,
            SerializedInput = getInputsAndOutputs ? await hub.Payloads.ResolveAsync(s.Input, cancellation).ConfigureAwait(false) : null,
            SerializedOutput = getInputsAndOutputs ? await hub.Payloads.ResolveAsync(s.Output, cancellation).ConfigureAwait(false) : null,
            SerializedCustomStatus = s.CustomStatus,
            FailureDetails = s.Failure,
        };

    public override async Task<IReadOnlyList<JsonElement>> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        await hub.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        var record = await hub.Instances.LoadAsync(instanceId, cancellation).ConfigureAwait(false);
        if (record is null)
        {
            return [];
        }

        return record.History.Select(e => JsonSerializer.SerializeToElement(new
        {
            EventType = e.Type.ToString(),
            e.EventId,
            TaskScheduledId = e.TaskScheduledId >= 0 ? e.TaskScheduledId : (int?)null,
            e.Name,
            Timestamp = e.Timestamp,
            e.FireAt,
            e.InstanceId,
            Failure = e.Failure?.ToString(),
        }, DataConverter.Options)).ToList();
    }

    public override async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await hub.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        var conditions = new List<TableCondition>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            conditions.Add(new TableCondition("Status", TableComparison.Equal, (int)statuses[0]) { AnyOf = statuses.Select(s => (object)(int)s).ToList() });
        }

        if (query.CreatedFrom is { } from)
        {
            conditions.Add(new TableCondition("CreatedAt", TableComparison.GreaterThanOrEqual, from));
        }

        if (query.CreatedTo is { } to)
        {
            conditions.Add(new TableCondition("CreatedAt", TableComparison.LessThan, to));
        }

        var tableQuery = new TableQuery
        {
            PartitionKeyPrefix = query.InstanceIdPrefix is null ? null : KeySanitizer.Escape(query.InstanceIdPrefix),
            Conditions = conditions,
            PageSize = Math.Clamp(query.PageSize, 1, 1000),
        };

        // The service may return a short (even empty) page with a continuation: keep reading until the page is full or the end.
        var values = new List<OrchestrationMetadata>();
        string? token = query.ContinuationToken;
        do
        {
            var page = await hub.Instances.QueryIndexAsync(tableQuery with { PageSize = tableQuery.PageSize - values.Count }, token, cancellation).ConfigureAwait(false);
            foreach (var row in page.Rows)
            {
                string id = row.GetString("InstanceId") ?? KeySanitizer.Unescape(row.PartitionKey);
                values.Add(query.FetchInputsAndOutputs
                    ? await GetInstanceAsync(id, true, cancellation).ConfigureAwait(false) ?? FromIndex(id, row)
                    : FromIndex(id, row));
            }

            token = page.ContinuationToken;
        }
        while (token is not null && values.Count < tableQuery.PageSize);

        return new OrchestrationQueryPage(values, token);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new HistoryEvent { Type = EventType.EventRaised, Name = eventName, Input = DataConverter.Serialize(eventPayload) }, cancellation);
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new HistoryEvent
        {
            Type = EventType.ExecutionTerminated,
            Result = DataConverter.Serialize(options?.Output),
            Recursive = options?.Recursive == true ? true : null,
        }, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new HistoryEvent { Type = EventType.ExecutionSuspended, Result = reason }, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new HistoryEvent { Type = EventType.ExecutionResumed, Result = reason }, cancellation);

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        await hub.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        var found = await hub.Instances.GetStateAsync(instanceId, cancellation).ConfigureAwait(false);
        if (found is not { } f || !f.State.IsTerminal)
        {
            return new PurgeResult(0);
        }

        await hub.Instances.PurgeAsync(instanceId, cancellation).ConfigureAwait(false);
        return new PurgeResult(1);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses ?? TerminalStatuses).Where(TerminalStatuses.Contains).ToList();
        if (statuses.Count == 0)
        {
            return new PurgeResult(0);
        }

        var ids = new List<string>();
        await foreach (var m in GetAllInstancesAsync(new OrchestrationQuery { CreatedFrom = filter.CreatedFrom, CreatedTo = filter.CreatedTo, Statuses = statuses, PageSize = 1000 }, cancellation).ConfigureAwait(false))
        {
            ids.Add(m.InstanceId);
        }

        int purged = 0;
        foreach (string id in ids)
        {
            purged += (await PurgeInstanceAsync(id, null, cancellation).ConfigureAwait(false)).PurgedInstanceCount;
        }

        return new PurgeResult(purged);
    }

    protected override async Task<OrchestrationMetadata> WaitForAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        // Watch before the first read so a local commit after it is not missed. A local commit is taken from the watch as
        // committed (no read back); storage is polled, backing off, only for commits made by other processes.
        using var watch = hub.Watch(instanceId);
        // When this host turns the instance, its commits arrive through the watch, and storage is read only in case the
        // partition moves: such reads would only compete with the turns for storage.
        var delay = TimeSpan.FromMilliseconds(hub.IsDispatchedHere(instanceId) ? 250 : 20);
        var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
        while (metadata is null || !done(metadata))
        {
            bool committedHere = await watch.WaitAsync(delay, hub.TimeProvider, cancellation).ConfigureAwait(false);
            if (committedHere && watch.Latest is { } state)
            {
                metadata = await ToMetadataAsync(state, getInputsAndOutputs, cancellation).ConfigureAwait(false);
                continue;
            }

            metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 1000));
        }

        return metadata;
    }

    private static OrchestrationMetadata FromIndex(string id, TableRow row) => new(row.GetString("Name") ?? string.Empty, id)
    {
        RuntimeStatus = (OrchestrationRuntimeStatus)(row.GetInt64("Status") ?? 0),
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        LastUpdatedAt = row.GetDateTimeOffset("LastUpdatedAt") ?? default,
        SerializedCustomStatus = row.GetString("CustomStatus"),
    };

    private async Task SendAsync(string instanceId, HistoryEvent e, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await hub.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var envelope = new Envelope { Id = MessageIds.NewClientId(), InstanceId = instanceId, SentAt = hub.UtcNow, Event = e with { Timestamp = hub.UtcNow } };
        await hub.SendEnvelopesAsync([(envelope, null)], ct).ConfigureAwait(false);
    }
}
