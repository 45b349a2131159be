namespace MediaSync.Durable;

/// <summary>Activity code: runs at least once per scheduling; make it idempotent.</summary>
public interface ITaskActivity
{
    /// <summary>The input type, for deserialization.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity with an already deserialized input.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>Base class for activities with a typed input and output.</summary>
/// <typeparam name="TInput">The input type (deserialized with System.Text.Json).</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <summary>The activity's logic.</summary>
    /// <param name="context">Who called the activity.</param>
    /// <param name="input">The input.</param>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input).ConfigureAwait(false);
}
