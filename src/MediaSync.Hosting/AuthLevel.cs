namespace MediaSync.Hosting;

/// <summary>Who may call an HTTP function (the Azure Functions authorization levels).</summary>
public enum AuthLevel
{
    /// <summary>No key.</summary>
    Anonymous,

    /// <summary>The function's own key, any host key, or the master key.</summary>
    Function,

    /// <summary>The master key only.</summary>
    Admin,

    /// <summary>A system key or the master key (host extensions such as the Durable management API).</summary>
    System,
}
