namespace MediaSync.Catalog.Providers;

/// <summary>
/// Who is being called and what for: the context every error and log line of one request carries.
/// <see cref="RedactedUrl"/> is safe to print; the real URL never leaves the client.
/// </summary>
internal readonly record struct ProviderCall(string Provider, string Action, string RedactedUrl)
{
    public ProviderResponseException Error(
        string detail,
        string? path = null,
        long? bytePosition = null,
        System.Net.HttpStatusCode? statusCode = null,
        Exception? inner = null) =>
        new(Provider, Action, detail, path, bytePosition, statusCode, inner);
}
