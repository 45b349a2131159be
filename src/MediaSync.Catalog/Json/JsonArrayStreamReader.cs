using System.Buffers;
using System.Runtime.CompilerServices;
using MediaSync.Catalog.Providers;

namespace MediaSync.Catalog.Json;

/// <summary>
/// Streams the elements of a top-level JSON array from a response body without ever holding the
/// whole body: a pooled window grows only to the size of the largest single element. Each element
/// is mapped on its own, so one bad row is reported through <c>onInvalidItem</c> instead of losing
/// the batch; a broken body (empty, HTML, not JSON, truncated) throws <see cref="ProviderResponseException"/>
/// with the byte position.
/// </summary>
internal static class JsonArrayStreamReader
{
    private const int InitialBufferSize = 64 * 1024;

    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Stream body,
        ProviderCall call,
        Func<JsonElement, T> map,
        Action<ProviderResponseException> onInvalidItem,
        int maxItemBytes,
        string? objectInsteadOfArrayHint,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var window = new Window(ArrayPool<byte>.Shared.Rent(InitialBufferSize));
        var parsed = new List<(JsonElement Element, long Position, int Index)>();
        try
        {
            while (window.Phase != Phase.Done)
            {
                await window.FillAsync(body, call, maxItemBytes, cancellationToken).ConfigureAwait(false);
                if (window.Phase == Phase.Sniff && !window.Sniff(call, objectInsteadOfArrayHint))
                {
                    continue;
                }

                parsed.Clear();
                window.ParseAvailable(call, parsed, objectInsteadOfArrayHint);
                foreach ((JsonElement element, long position, int index) in parsed)
                {
                    if (ItemMapping.TryMap(element, map, call, $"$[{index}]", position, onInvalidItem, out T item))
                    {
                        yield return item;
                    }
                }
            }
        }
        finally
        {
            window.Return();
        }
    }

    private enum Phase
    {
        Sniff,
        BeforeArray,
        InArray,
        Done,
    }

    private sealed class Window(byte[] buffer)
    {
        private byte[] buffer = buffer;
        private int start;
        private int end;
        private long baseOffset;
        private bool final;
        private int nextIndex;
        private JsonReaderState readerState;

        public Phase Phase { get; private set; }

        public async ValueTask FillAsync(Stream body, ProviderCall call, int maxItemBytes, CancellationToken cancellationToken)
        {
            if (final)
            {
                return;
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                baseOffset += start;
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                if (buffer.Length >= maxItemBytes)
                {
                    throw call.Error($"a single list element is larger than {maxItemBytes} bytes", $"$[{nextIndex}]", baseOffset);
                }

                byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxItemBytes));
                Buffer.BlockCopy(buffer, 0, larger, 0, end);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            int read = await body.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                final = true;
            }

            end += read;
        }

        /// <summary>Checks what the body starts with; false when more bytes are needed to tell.</summary>
        public bool Sniff(ProviderCall call, string? objectHint)
        {
            ReadOnlySpan<byte> data = buffer.AsSpan(start, end - start);
            if (data.StartsWith("\uFEFF"u8))
            {
                start += 3;
                data = data[3..];
            }

            int first = data.IndexOfAnyExcept(" \t\r\n"u8);
            if (first < 0)
            {
                if (final)
                {
                    throw call.Error("the response body is empty, expected a JSON array", "$", baseOffset + start);
                }

                return false;
            }

            switch (data[first])
            {
                case (byte)'[':
                    Phase = Phase.BeforeArray;
                    return true;
                case (byte)'{':
                    throw call.Error("expected a JSON array but the body is a JSON object" + (objectHint is null ? string.Empty : " (" + objectHint + ")"), "$", baseOffset + start + first);
                case (byte)'<':
                    throw call.Error("the response is an HTML or XML page, not JSON (an error page?)", "$", baseOffset + start + first);
                default:
                    throw call.Error($"the response is not JSON: it starts with \"{Snippet(data[first..])}\"", "$", baseOffset + start + first);
            }
        }

        public void ParseAvailable(ProviderCall call, List<(JsonElement, long, int)> parsed, string? objectHint)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), final, readerState);
            try
            {
                while (Phase != Phase.Done)
                {
                    if (Phase == Phase.BeforeArray)
                    {
                        if (!reader.Read())
                        {
                            break;
                        }

                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw call.Error("expected a JSON array" + (objectHint is null ? string.Empty : " (" + objectHint + ")"), "$", baseOffset + start);
                        }

                        Phase = Phase.InArray;
                        continue;
                    }

                    Utf8JsonReader probe = reader;
                    if (!probe.Read())
                    {
                        break;
                    }

                    if (probe.TokenType == JsonTokenType.EndArray)
                    {
                        reader = probe;
                        Phase = Phase.Done;
                        break;
                    }

                    long position = baseOffset + start + probe.TokenStartIndex;
                    if (probe.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !probe.TrySkip())
                    {
                        break;
                    }

                    reader.Read();
                    parsed.Add((JsonElement.ParseValue(ref reader), position, nextIndex++));
                }
            }
            catch (JsonException ex)
            {
                long position = baseOffset + start + reader.BytesConsumed;
                bool truncated = final && ex.Message.Contains("end of", StringComparison.OrdinalIgnoreCase);
                string detail = truncated
                    ? "the body ended inside the JSON array (truncated response)"
                    : "invalid JSON: " + FirstSentence(ex.Message);
                throw call.Error(detail, $"$[{nextIndex}]", position, inner: ex);
            }

            if (final && Phase != Phase.Done)
            {
                throw call.Error("the body ended inside the JSON array (truncated response)", $"$[{nextIndex}]", baseOffset + end);
            }

            start += (int)reader.BytesConsumed;
            readerState = reader.CurrentState;
        }

        public void Return() => ArrayPool<byte>.Shared.Return(buffer);

        private static string FirstSentence(string message)
        {
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return cut > 0 ? message[..cut] : message;
        }
    }

    internal static string Snippet(ReadOnlySpan<byte> data)
    {
        string text = System.Text.Encoding.UTF8.GetString(data[..Math.Min(data.Length, 40)]);
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return SecretRedactor.Redact(clean);
    }
}
