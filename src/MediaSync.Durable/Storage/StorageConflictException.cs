namespace MediaSync.Durable.Storage;

/// <summary>A storage precondition failed: an ETag no longer matched (412) or an insert found the row or blob already there (409).</summary>
internal sealed class StorageConflictException : Exception
{
    public StorageConflictException(string message)
        : base(message)
    {
    }

    public StorageConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
