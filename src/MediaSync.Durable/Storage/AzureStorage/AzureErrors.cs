using Azure;

namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>Classifies Azure SDK failures by status and error code (never by message text).</summary>
internal static class AzureErrors
{
    /// <summary>True when the service never answered: transport failures, or the SDK's own network timeout.</summary>
    public static bool IsUnreachable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException { Status: 0 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(e => IsUnreachable(e, cancellationToken)),
        HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public static StorageUnreachableException Unreachable(string service, Uri endpoint, Exception exception)
    {
        // The path-only form drops any SAS query; account keys never appear in a URI.
        string where = endpoint.GetLeftPart(UriPartial.Path);
        string why = (exception is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[^1] : exception).Message;
        return new StorageUnreachableException($"Azure Storage {service} endpoint {where} could not be reached: {why}", exception);
    }
}
