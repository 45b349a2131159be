namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>
/// The storage account did not answer (connection refused, DNS failure, network timeout) after the
/// client's retries. The message names the service endpoint, never a key or SAS token.
/// </summary>
internal sealed class StorageUnreachableException : Exception
{
    public StorageUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
