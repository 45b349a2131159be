using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Durable;

/// <summary>The orchestrators, activities and entities a worker can run, by name (case-insensitive).</summary>
public sealed class DurableTaskRegistry
{
    internal Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> Orchestrators { get; } = [];

    internal Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> Activities { get; } = [];

    internal Dictionary<TaskName, Func<IServiceProvider, ITaskEntity>> Entities { get; } = [];

    /// <summary>Registers an entity class under <paramref name="name"/> (default: its type name); created per batch with DI.</summary>
    /// <typeparam name="T">The entity class.</typeparam>
    /// <param name="name">The entity name (case-insensitive; must not contain '@').</param>
    public DurableTaskRegistry AddEntity<T>(string? name = null)
        where T : class, ITaskEntity
    {
        string entityName = name ?? typeof(T).Name;
        if (entityName.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Entity name '{entityName}' must not contain '@'.", nameof(name));
        }

        return Add(Entities, entityName, sp => ActivatorUtilities.CreateInstance<T>(sp));
    }

    /// <summary>Registers an orchestrator class under its type name; created per turn with DI.</summary>
    public DurableTaskRegistry AddOrchestrator<T>()
        where T : class, ITaskOrchestrator => AddOrchestrator<T>(typeof(T).Name);

    /// <summary>Registers an orchestrator class under <paramref name="name"/>.</summary>
    public DurableTaskRegistry AddOrchestrator<T>(TaskName name)
        where T : class, ITaskOrchestrator => Add(Orchestrators, name, sp => ActivatorUtilities.CreateInstance<T>(sp));

    /// <summary>Registers an orchestrator function.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return Add(Orchestrators, name, _ => new FuncOrchestrator<TInput, TOutput>(implementation));
    }

    /// <summary>Registers an activity class under its type name; created per invocation with DI.</summary>
    public DurableTaskRegistry AddActivity<T>()
        where T : class, ITaskActivity => AddActivity<T>(typeof(T).Name);

    /// <summary>Registers an activity class under <paramref name="name"/>.</summary>
    public DurableTaskRegistry AddActivity<T>(TaskName name)
        where T : class, ITaskActivity => Add(Activities, name, sp => ActivatorUtilities.CreateInstance<T>(sp));

    /// <summary>Registers an activity function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return Add(Activities, name, _ => new FuncActivity<TInput, TOutput>(implementation));
    }

    /// <summary>Registers a synchronous activity function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, TOutput> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddActivityFunc<TInput, TOutput>(name, (ctx, input) => Task.FromResult(implementation(ctx, input)));
    }

    private DurableTaskRegistry Add<T>(Dictionary<TaskName, T> map, TaskName name, T factory)
    {
        if (!map.TryAdd(name, factory))
        {
            throw new ArgumentException($"A task named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> fn) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => fn(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> fn) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => fn(context, input);
    }
}
