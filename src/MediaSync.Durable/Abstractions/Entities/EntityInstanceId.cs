namespace MediaSync.Durable;

/// <summary>
/// The id of an entity: a name (the registered entity type, lower-cased) and a key. Its instance id
/// is <c>@{name}@{key}</c>, exactly as in Durable Functions, so entities share the orchestration
/// control queues and storage.
/// </summary>
public readonly record struct EntityInstanceId
{
    /// <summary>Creates an entity id; the name is lower-cased and must not contain '@'.</summary>
    /// <param name="name">The entity name.</param>
    /// <param name="key">The entity key.</param>
    public EntityInstanceId(string name, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(key);
        if (name.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Entity name '{name}' must not contain '@'.", nameof(name));
        }

        Name = name.ToLowerInvariant();
        Key = key;
    }

    /// <summary>The entity name (lower-case).</summary>
    public string Name { get; }

    /// <summary>The entity key.</summary>
    public string Key { get; }

    /// <summary>Parses an instance id of the form <c>@name@key</c>.</summary>
    /// <param name="instanceId">The instance id.</param>
    public static EntityInstanceId FromString(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        int second = instanceId.Length > 1 && instanceId[0] == '@' ? instanceId.IndexOf('@', 1) : -1;
        if (second < 0)
        {
            throw new ArgumentException($"'{instanceId}' is not an entity instance id (expected '@name@key').", nameof(instanceId));
        }

        return new EntityInstanceId(instanceId[1..second], instanceId[(second + 1)..]);
    }

    /// <summary>Whether an instance id names an entity rather than an orchestration.</summary>
    /// <param name="instanceId">The instance id.</param>
    public static bool IsEntity(string instanceId) => instanceId is ['@', ..] && instanceId.IndexOf('@', 1) > 0;

    /// <summary>The instance id <c>@name@key</c>.</summary>
    public override string ToString() => $"@{Name}@{Key}";
}
