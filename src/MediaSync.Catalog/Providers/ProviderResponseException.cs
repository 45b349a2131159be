using System.Net;

namespace MediaSync.Catalog.Providers;

/// <summary>
/// A provider answered with something that cannot be used: an HTTP error, an empty body, an HTML
/// page, truncated JSON or a value of the wrong type. The message names the provider, the action,
/// the JSON path and byte position where known, and never contains credentials.
/// </summary>
public sealed class ProviderResponseException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ProviderResponseException"/> class.</summary>
    /// <param name="provider">The provider kind, for example <c>Xtream</c>.</param>
    /// <param name="action">The call that failed, for example <c>get_vod_streams</c>.</param>
    /// <param name="detail">What was wrong; already free of secrets.</param>
    /// <param name="path">The JSON path of the offending value, when known.</param>
    /// <param name="bytePosition">The byte offset in the response body, when known.</param>
    /// <param name="statusCode">The HTTP status, when the response had one.</param>
    /// <param name="innerException">The parser or transport error, if any.</param>
    public ProviderResponseException(
        string provider,
        string action,
        string detail,
        string? path = null,
        long? bytePosition = null,
        HttpStatusCode? statusCode = null,
        Exception? innerException = null)
        : base(Format(provider, action, detail, path, bytePosition, statusCode), innerException)
    {
        Provider = provider;
        Action = action;
        Path = path;
        BytePosition = bytePosition;
        StatusCode = statusCode;
    }

    /// <summary>Gets the provider kind.</summary>
    public string Provider { get; }

    /// <summary>Gets the call that failed.</summary>
    public string Action { get; }

    /// <summary>Gets the JSON path of the offending value, when known.</summary>
    public string? Path { get; }

    /// <summary>Gets the byte offset in the response body, when known.</summary>
    public long? BytePosition { get; }

    /// <summary>Gets the HTTP status, when the response had one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets how long the provider asked us to wait (<c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    private static string Format(string provider, string action, string detail, string? path, long? bytePosition, HttpStatusCode? statusCode)
    {
        var text = new System.Text.StringBuilder();
        text.Append(provider).Append(' ').Append(action).Append(": ").Append(detail);
        if (path is not null)
        {
            text.Append(" at ").Append(path);
        }

        if (bytePosition is not null)
        {
            text.Append(" (byte ").Append(bytePosition.Value.ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        if (statusCode is not null)
        {
            text.Append(" [HTTP ").Append(((int)statusCode.Value).ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        return SecretRedactor.Redact(text.ToString());
    }
}
