using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace MediaSync.Durable;

/// <summary>
/// Base class for entities with a typed state. Operations are dispatched to public instance methods
/// by name (case-insensitive) taking no parameter, the input, and/or a <see cref="TaskEntityContext"/>,
/// and returning void, a value, <see cref="Task"/> or <see cref="Task{TResult}"/>. An operation named
/// <c>delete</c> without a matching method deletes the entity; so does setting <see cref="State"/> to null.
/// </summary>
/// <typeparam name="TState">The state type (serialized with System.Text.Json).</typeparam>
public abstract class TaskEntity<TState> : ITaskEntity
{
    private static readonly ConcurrentDictionary<(Type, string), MethodInfo?> Methods = new();

    /// <summary>The state; loaded before each operation and saved after it.</summary>
    protected TState State { get; set; } = default!;

    /// <summary>The context of the running operation.</summary>
    protected TaskEntityContext Context { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask<object?> RunAsync(TaskEntityOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Context = operation.Context;
        State = operation.State.HasState ? (TState)operation.State.GetState(typeof(TState))! : InitializeState(operation);
        var method = Methods.GetOrAdd((GetType(), operation.Name.ToUpperInvariant()), key => FindOperation(key.Item1, operation.Name));
        if (method is null)
        {
            if (string.Equals(operation.Name, "delete", StringComparison.OrdinalIgnoreCase))
            {
                operation.State.SetState(null);
                return null;
            }

            throw new NotSupportedException($"Entity '{operation.Context.Id}' ({GetType().Name}) has no operation '{operation.Name}'.");
        }

        object? result = method.Invoke(this, BindingFlags.DoNotWrapExceptions, null, BindArguments(method, operation), null);
        if (result is Task task)
        {
            await task.ConfigureAwait(false);
            result = method.ReturnType.IsGenericType ? method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        }

        operation.State.SetState(State);
        return result;
    }

    /// <summary>The state of an entity that has none yet: a new <typeparamref name="TState"/> when it has a parameterless constructor, else default.</summary>
    /// <param name="entityOperation">The operation about to run.</param>
    protected virtual TState InitializeState(TaskEntityOperation entityOperation)
    {
        var type = typeof(TState);
        return type.IsValueType || type.GetConstructor(Type.EmptyTypes) is not null ? (TState)Activator.CreateInstance(type)! : default!;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Entity types are registered explicitly and kept.")]
    private static MethodInfo? FindOperation(Type type, string name)
    {
        var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)
                && m.DeclaringType != typeof(object)
                && !(m.DeclaringType?.IsGenericType == true && m.DeclaringType.GetGenericTypeDefinition() == typeof(TaskEntity<>))
                && !m.IsSpecialName
                && m.GetParameters().Count(p => p.ParameterType != typeof(TaskEntityContext)) <= 1)
            .ToList();
        if (candidates.Count > 1)
        {
            throw new AmbiguousMatchException($"Entity {type.Name} has {candidates.Count} public methods named '{name}'; operations must be unique by name.");
        }

        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static object?[] BindArguments(MethodInfo method, TaskEntityOperation operation)
    {
        var parameters = method.GetParameters();
        var args = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.ParameterType == typeof(TaskEntityContext))
            {
                args[i] = operation.Context;
            }
            else if (operation.HasInput)
            {
                args[i] = operation.GetInput(p.ParameterType);
            }
            else
            {
                args[i] = p.HasDefaultValue ? p.DefaultValue : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null;
            }
        }

        return args;
    }
}
