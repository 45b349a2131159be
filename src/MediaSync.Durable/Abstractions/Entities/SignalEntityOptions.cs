namespace MediaSync.Durable;

/// <summary>Options of a signal.</summary>
public sealed record SignalEntityOptions
{
    /// <summary>Deliver the signal not before this time; null delivers it now.</summary>
    /// <value>Default: null.</value>
    public DateTimeOffset? SignalTime { get; init; }
}
