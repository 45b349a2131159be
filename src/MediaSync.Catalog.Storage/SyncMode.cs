namespace MediaSync.Catalog.Storage;

/// <summary>How much of a source a sync run reads.</summary>
public enum SyncMode
{
    /// <summary>Everything the source has; only a completed full run allows the sweep.</summary>
    Full,

    /// <summary>What changed since the last completed run.</summary>
    Incremental,
}
