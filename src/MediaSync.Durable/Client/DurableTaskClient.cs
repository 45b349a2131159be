namespace MediaSync.Durable;

/// <summary>
/// Starts, inspects and controls orchestration instances. Few abstract members, convenience
/// overloads on top (the Microsoft.DurableTask.Client shape).
/// </summary>
public abstract class DurableTaskClient
{
    /// <summary>Signals, state reads, queries and clean-up of durable entities.</summary>
    public virtual DurableEntityClient Entities => throw new NotSupportedException($"{GetType().Name} does not support entities.");

    /// <summary>Schedules a new instance and returns its id. Rejects an id whose instance is still running.</summary>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    /// <summary>The instance's state, or null when it does not exist.</summary>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>The current execution's history events as JSON objects (for diagnostics and the management API).</summary>
    public abstract Task<IReadOnlyList<System.Text.Json.JsonElement>> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellation = default);

    /// <summary>One page of instances matching the query.</summary>
    public abstract Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default);

    /// <summary>Raises an event on an instance (buffered if it is not waiting yet).</summary>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    /// <summary>Terminates a running instance.</summary>
    public abstract Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Suspends a running instance: events are recorded but withheld until it is resumed.</summary>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Resumes a suspended instance.</summary>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Deletes a terminal instance's state, history and payloads.</summary>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Deletes the terminal instances matching a filter.</summary>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default);

    /// <summary>Every instance matching the query, page by page.</summary>
    public virtual async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        query ??= new OrchestrationQuery();
        do
        {
            var page = await QueryInstancesAsync(query, cancellation).ConfigureAwait(false);
            foreach (var item in page.Values)
            {
                yield return item;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
    }

    /// <summary>Waits until the instance has started (or finished).</summary>
    public virtual Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <summary>Waits until the instance has finished (Completed, Failed or Terminated).</summary>
    public virtual Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <summary>Polls the instance (starting fast, backing off to 1 s) until <paramref name="done"/> holds.</summary>
    protected virtual async Task<OrchestrationMetadata> WaitForAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(done);
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            if (metadata is not null && done(metadata))
            {
                return metadata;
            }

            await Task.Delay(delay, TimeProvider.System, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 1000));
        }
    }
}
