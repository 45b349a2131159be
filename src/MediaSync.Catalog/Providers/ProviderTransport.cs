using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using MediaSync.Catalog.Json;
using Microsoft.Extensions.Logging;

namespace MediaSync.Catalog.Providers;

/// <summary>
/// The HTTP plumbing every provider client shares: send with a redacted log trail, turn error
/// statuses, empty bodies and HTML pages into <see cref="ProviderResponseException"/>, stream JSON
/// arrays or buffer small JSON documents, and bound body reading with a timeout.
/// </summary>
internal sealed class ProviderTransport
{
    private readonly HttpClient http;
    private readonly ProviderClientOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private long invalidItems;

    public ProviderTransport(string provider, HttpClient http, ProviderClientOptions options, ILogger logger, TimeProvider time)
    {
        options.ThrowIfInvalid(provider);
        Provider = provider;
        this.http = http;
        this.options = options;
        this.logger = logger;
        this.time = time;
    }

    public string Provider { get; }

    /// <summary>Gets how many list items were skipped as unusable since this client was created.</summary>
    public long InvalidItemCount => Interlocked.Read(ref invalidItems);

    public string Redact(string? text) => SecretRedactor.Redact(text, options.Secrets);

    public ProviderCall CallFor(string action, Uri url) => new(Provider, action, Redact(url.OriginalString));

    /// <summary>Sends <paramref name="request"/> and returns a successful response with its body unread.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string action, CancellationToken cancellationToken)
    {
        ProviderCall call = CallFor(action, request.RequestUri!);
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        long started = time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.TransportError(logger, Provider, action, call.RedactedUrl, ex.GetType().Name, Redact(ex.Message));
            throw;
        }

        Log.RequestCompleted(logger, Provider, action, call.RedactedUrl, (int)response.StatusCode, time.GetElapsedTime(started).TotalMilliseconds);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            Log.HttpError(logger, Provider, action, (int)response.StatusCode, call.RedactedUrl);
            string snippet = await ReadSnippetAsync(response, cancellationToken).ConfigureAwait(false);
            throw new ProviderResponseException(
                Provider,
                action,
                snippet.Length == 0 ? "the provider answered with an error status" : $"the provider answered with an error status: \"{snippet}\"",
                statusCode: response.StatusCode)
            {
                RetryAfter = Resilience.RetryAfter.From(response, time),
            };
        }
    }

    public Task<HttpResponseMessage> GetAsync(Uri url, string action, CancellationToken cancellationToken, Action<HttpRequestHeaders>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        headers?.Invoke(request.Headers);
        return SendAsync(request, action, cancellationToken);
    }

    /// <summary>Streams the top-level JSON array of a GET response, mapping each element.</summary>
    public async IAsyncEnumerable<T> GetArrayAsync<T>(
        Uri url,
        string action,
        Func<JsonElement, T> map,
        string? objectInsteadOfArrayHint,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        Action<HttpRequestHeaders>? headers = null)
    {
        ProviderCall call = CallFor(action, url);
        using HttpResponseMessage response = await GetAsync(url, action, cancellationToken, headers).ConfigureAwait(false);
        EnsureNotHtml(response, call);
        using var timeout = new CancellationTokenSource(options.ResponseBodyTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Stream body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            IAsyncEnumerable<T> items = JsonArrayStreamReader.ReadAsync(body, call, map, ReportInvalidItem, options.MaxDocumentBytes, objectInsteadOfArrayHint, linked.Token);
            IAsyncEnumerator<T> enumerator = items.GetAsyncEnumerator(linked.Token);
            await using (enumerator.ConfigureAwait(false))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        throw call.Error($"the response body did not arrive within {options.ResponseBodyTimeout}", inner: ex);
                    }
                    catch (IOException ex)
                    {
                        throw call.Error("the connection broke while reading the response body: " + Redact(ex.Message), inner: ex);
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    yield return enumerator.Current;
                }
            }
        }
    }

    /// <summary>Reads a whole (bounded) JSON document from a GET response.</summary>
    public async Task<JsonDocument> GetDocumentAsync(Uri url, string action, CancellationToken cancellationToken, Action<HttpRequestHeaders>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        headers?.Invoke(request.Headers);
        return await SendForDocumentAsync(request, action, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JsonDocument> SendForDocumentAsync(HttpRequestMessage request, string action, CancellationToken cancellationToken)
    {
        ProviderCall call = CallFor(action, request.RequestUri!);
        using HttpResponseMessage response = await SendAsync(request, action, cancellationToken).ConfigureAwait(false);
        EnsureNotHtml(response, call);
        using var timeout = new CancellationTokenSource(options.ResponseBodyTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        byte[] body;
        try
        {
            body = await ReadBoundedAsync(response, call, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw call.Error($"the response body did not arrive within {options.ResponseBodyTimeout}", inner: ex);
        }
        catch (IOException ex)
        {
            throw call.Error("the connection broke while reading the response body: " + Redact(ex.Message), inner: ex);
        }

        return ParseDocument(body, call);
    }

    /// <summary>Parses a buffered body, turning every way it can be wrong into a precise error.</summary>
    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> body, ProviderCall call)
    {
        ReadOnlySpan<byte> span = body.Span;
        int offset = span.StartsWith("\uFEFF"u8) ? 3 : 0;
        int first = span[offset..].IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            throw call.Error("the response body is empty, expected JSON", "$", 0);
        }

        byte lead = span[offset + first];
        if (lead == (byte)'<')
        {
            throw call.Error("the response is an HTML or XML page, not JSON (an error page?)", "$", offset + first);
        }

        if (lead is not ((byte)'{' or (byte)'['))
        {
            throw call.Error($"the response is not JSON: it starts with \"{JsonArrayStreamReader.Snippet(span[(offset + first)..])}\"", "$", offset + first);
        }

        try
        {
            return JsonDocument.Parse(body[offset..]);
        }
        catch (JsonException ex)
        {
            long position = offset + LinePositionToOffset(span[offset..], ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            bool truncated = ex.Message.Contains("end of", StringComparison.OrdinalIgnoreCase);
            string detail = truncated ? "the body ended inside the JSON document (truncated response)" : "invalid JSON: " + ex.Message.Split(" LineNumber:")[0];
            throw call.Error(detail, ex.Path ?? "$", position, inner: ex);
        }
    }

    /// <summary>Maps one document to a value, turning a bad field into an error that names it.</summary>
    public static T Map<T>(JsonDocument document, ProviderCall call, Func<JsonElement, T> map)
    {
        try
        {
            return map(document.RootElement);
        }
        catch (JsonFieldException ex)
        {
            throw call.Error(ex.Message, ex.Field.Length == 0 ? "$" : "$." + ex.Field, inner: ex);
        }
    }

    /// <summary>Maps <paramref name="elements"/> one by one, skipping (or throwing on) unusable items.</summary>
    public IEnumerable<T> MapItems<T>(IEnumerable<JsonElement> elements, ProviderCall call, string arrayPath, Func<JsonElement, T> map)
    {
        int index = 0;
        foreach (JsonElement element in elements)
        {
            if (ItemMapping.TryMap(element, map, call, $"{arrayPath}[{index++}]", null, ReportInvalidItem, out T item))
            {
                yield return item;
            }
        }
    }

    public void ReportInvalidItem(ProviderResponseException error)
    {
        if (options.ThrowOnInvalidItem)
        {
            throw error;
        }

        Interlocked.Increment(ref invalidItems);
        Log.InvalidItemSkipped(logger, error.Message);
    }

    private static void EnsureNotHtml(HttpResponseMessage response, ProviderCall call)
    {
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            throw call.Error($"the response is an HTML page ({mediaType}) with status {(int)response.StatusCode}, not JSON (an error or login page?)", "$", 0, response.StatusCode);
        }
    }

    private async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, ProviderCall call, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > options.MaxDocumentBytes)
        {
            throw call.Error($"the response body is larger than {options.MaxDocumentBytes} bytes");
        }

        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > options.MaxDocumentBytes)
                {
                    throw call.Error($"the response body is larger than {options.MaxDocumentBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private async Task<string> ReadSnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                byte[] head = new byte[300];
                int total = 0, read;
                while (total < head.Length && (read = await stream.ReadAsync(head.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                string text = System.Text.Encoding.UTF8.GetString(head, 0, total);
                return Redact(new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim());
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return string.Empty;
        }
    }

    private static long LinePositionToOffset(ReadOnlySpan<byte> data, long line, long positionInLine)
    {
        long offset = 0;
        for (long l = 0; l < line; l++)
        {
            int next = data[(int)offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            offset += next + 1;
        }

        return offset + positionInLine;
    }
}
