namespace MediaSync.Durable;

/// <summary>The name of an orchestrator, activity or entity (compared case-insensitively).</summary>
public readonly record struct TaskName
{
    /// <summary>Creates a task name.</summary>
    /// <param name="name">The name; not empty.</param>
    public TaskName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Converts a string to a task name.</summary>
    public static implicit operator TaskName(string name) => new(name);

    /// <summary>Converts a string to a task name.</summary>
    public static TaskName FromString(string name) => new(name);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Compares names case-insensitively.</summary>
    public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name ?? string.Empty);
}
