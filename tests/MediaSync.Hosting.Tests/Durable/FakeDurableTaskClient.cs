using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using MediaSync.Durable;

namespace MediaSync.Hosting.Tests.Durable;

/// <summary>An in-memory client: instances in a dictionary, every control call recorded.</summary>
internal sealed class FakeDurableTaskClient : DurableTaskClient
{
    public ConcurrentDictionary<string, OrchestrationMetadata> Instances { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    public OrchestrationMetadata Add(string id, OrchestrationRuntimeStatus status, string? input = "{\"source\":\"s1\"}", string? output = null)
    {
        var metadata = new OrchestrationMetadata("CatalogSync", id)
        {
            RuntimeStatus = status,
            CreatedAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
            LastUpdatedAt = new DateTimeOffset(2026, 11, 23, 10, 5, 0, TimeSpan.Zero),
            SerializedInput = input,
            SerializedOutput = output,
            SerializedCustomStatus = "{\"phase\":\"items\"}",
        };
        Instances[id] = metadata;
        return metadata;
    }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        string id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (Instances.TryGetValue(id, out OrchestrationMetadata? existing) && existing.IsRunning)
        {
            throw new OrchestrationAlreadyExistsException(id, existing.RuntimeStatus);
        }

        Instances[id] = new OrchestrationMetadata(orchestratorName.Name, id)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            SerializedInput = JsonSerializer.Serialize(input),
        };
        Calls.Enqueue($"schedule {orchestratorName.Name} {id} {JsonSerializer.Serialize(input)}");
        return Task.FromResult(id);
    }

    public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(Instances.TryGetValue(instanceId, out OrchestrationMetadata? m) ? m : null);

    public override Task<IReadOnlyList<JsonElement>> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        Task.FromResult<IReadOnlyList<JsonElement>>(
        [
            JsonSerializer.SerializeToElement(new { EventType = "ExecutionStarted", Name = "CatalogSync" }),
            JsonSerializer.SerializeToElement(new { EventType = "TaskCompleted", Result = "42 items" }),
        ]);

    public override Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default)
    {
        var matching = Instances.Values
            .Where(m => query.Statuses is null || query.Statuses.Contains(m.RuntimeStatus))
            .Where(m => query.InstanceIdPrefix is null || m.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
            .OrderBy(m => m.InstanceId, StringComparer.Ordinal)
            .ToList();
        int skip = query.ContinuationToken is null ? 0 : int.Parse(query.ContinuationToken, CultureInfo.InvariantCulture);
        var page = matching.Skip(skip).Take(query.PageSize).ToList();
        int next = skip + page.Count;
        return Task.FromResult(new OrchestrationQueryPage(page, next < matching.Count ? next.ToString(CultureInfo.InvariantCulture) : null));
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        Calls.Enqueue($"raise {instanceId} {eventName} {JsonSerializer.Serialize(eventPayload)}");
        return Task.CompletedTask;
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        Calls.Enqueue($"terminate {instanceId} {options?.Output}");
        return Task.CompletedTask;
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        Calls.Enqueue($"suspend {instanceId} {reason}");
        return Task.CompletedTask;
    }

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        Calls.Enqueue($"resume {instanceId} {reason}");
        return Task.CompletedTask;
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Task.FromResult(new PurgeResult(
            Instances.TryGetValue(instanceId, out OrchestrationMetadata? m) && m.IsCompleted && Instances.TryRemove(instanceId, out _) ? 1 : 0));

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        int purged = 0;
        foreach (OrchestrationMetadata m in Instances.Values.Where(m => m.IsCompleted && (filter.Statuses is null || filter.Statuses.Contains(m.RuntimeStatus))))
        {
            purged += Instances.TryRemove(m.InstanceId, out _) ? 1 : 0;
        }

        return Task.FromResult(new PurgeResult(purged));
    }
}
