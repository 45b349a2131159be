namespace MediaSync.TestSupport;

/// <summary>Fresh names that satisfy Azure's rules for task hubs, tables, queues and containers.</summary>
public static class UniqueNames
{
    /// <summary>A task hub name: a letter, then letters and digits, 3–45 characters.</summary>
    public static string TaskHub(string prefix = "hub") => Make(prefix, 24);

    /// <summary>A table name: a letter, then letters and digits, 3–63 characters.</summary>
    public static string Table(string prefix = "t") => Make(prefix, 32);

    private static string Make(string prefix, int length)
    {
        string name = prefix + Guid.NewGuid().ToString("N");
        return name.Length <= length ? name : name[..length];
    }
}
