namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>
/// Remembers that a queue, table or container was created so create-if-not-exists costs one
/// request per process, not one per call (conventions.md §4); a delete forgets it.
/// </summary>
internal sealed class ResourceExistence(string service, Uri endpoint)
{
    private volatile bool created;

    public async Task EnsureCreatedAsync(Func<CancellationToken, Task> create, CancellationToken cancellationToken)
    {
        if (created)
        {
            return;
        }

        await RunAsync(create, cancellationToken).ConfigureAwait(false);
        created = true;
    }

    public async Task DeleteAsync(Func<CancellationToken, Task> delete, CancellationToken cancellationToken)
    {
        created = false;
        await RunAsync(delete, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw AzureErrors.Unreachable(service, endpoint, ex);
        }
    }
}
