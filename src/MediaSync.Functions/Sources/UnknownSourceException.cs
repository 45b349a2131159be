namespace MediaSync.Functions.Sources;

/// <summary>A source id that is not configured (or is disabled).</summary>
internal sealed class UnknownSourceException(string sourceId)
    : Exception($"No enabled source '{sourceId}' is configured (Sources:{sourceId}:Kind …).")
{
    /// <summary>Gets the id that was asked for.</summary>
    public string SourceId { get; } = sourceId;
}
