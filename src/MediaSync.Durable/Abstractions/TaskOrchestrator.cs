// IMPORTANT: orchestrator-side awaits must resume on the replay thread's synchronization context,
// so ConfigureAwait(false) (CA2007) is deliberately not used in this file.
#pragma warning disable CA2007
namespace MediaSync.Durable;

/// <summary>
/// Orchestrator code: replayed from history, so it must be deterministic — use only the context's
/// APIs for time, ids, waiting and I/O.
/// </summary>
public interface ITaskOrchestrator
{
    /// <summary>The input type, for deserialization.</summary>
    Type InputType { get; }

    /// <summary>Runs the orchestrator with an already deserialized input.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>Base class for orchestrators with a typed input and output.</summary>
/// <typeparam name="TInput">The input type (deserialized with System.Text.Json).</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <summary>The orchestrator's logic.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="input">The input.</param>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
