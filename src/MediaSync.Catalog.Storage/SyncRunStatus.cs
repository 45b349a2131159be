namespace MediaSync.Catalog.Storage;

/// <summary>Where a sync run stands.</summary>
public enum SyncRunStatus
{
    /// <summary>Started (or resumed) and not finished; also what a crashed run looks like.</summary>
    Running,

    /// <summary>Every unit completed.</summary>
    Completed,

    /// <summary>Stopped on request; resumable.</summary>
    Canceled,

    /// <summary>Stopped by an error; resumable.</summary>
    Failed,
}
