namespace MediaSync.Functions.Checks;

/// <summary>Which exceptions from a provider call mean "the provider could not tell us", as opposed to our own bugs or shutdown.</summary>
internal static class ProviderFailure
{
    /// <summary>True for a transport failure, an error answer, a timeout or unreadable JSON; not for our own cancellation.</summary>
    public static bool Is(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or Catalog.Providers.ProviderResponseException or TimeoutException or System.Text.Json.JsonException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
