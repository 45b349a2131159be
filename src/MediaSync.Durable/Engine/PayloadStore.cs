using System.IO.Compression;
using System.Text;
using MediaSync.Durable.Storage;

namespace MediaSync.Durable.Engine;

/// <summary>
/// Moves payloads too large for a table property or queue message into gzip blobs under the
/// instance's prefix, so purge can find them. Callers never see the difference.
/// </summary>
internal sealed class PayloadStore(IBlobContainer container)
{
    /// <summary>Strings longer than this (UTF-16 characters) go to a blob: 32 KB, well under the 64 KB property limit.</summary>
    public const int InlineLimitChars = 16 * 1024;

    private const string BlobPrefix = "$blob:";

    public IBlobContainer Container => container;

    public async Task<string?> ExternalizeAsync(string instanceId, string kind, string? value, CancellationToken ct)
    {
        if (value is null || value.Length <= InlineLimitChars)
        {
            return value;
        }

        string name = await UploadAsync(instanceId, kind, Encoding.UTF8.GetBytes(value), ct).ConfigureAwait(false);
        return BlobPrefix + name;
    }

    public async Task<string?> ResolveAsync(string? value, CancellationToken ct)
    {
        if (value is null || !value.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            return value;
        }

        byte[] bytes = await DownloadAsync(value[BlobPrefix.Length..], ct).ConfigureAwait(false);
        return Encoding.UTF8.GetString(bytes);
    }

    public async Task<string> UploadAsync(string instanceId, string kind, byte[] content, CancellationToken ct)
    {
        string name = $"{KeySanitizer.Escape(instanceId)}/{kind}-{Guid.NewGuid():N}.json.gz";
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        await container.UploadAsync(name, buffer.ToArray(), ifNoneMatch: false, ct).ConfigureAwait(false);
        return name;
    }

    public async Task<byte[]> DownloadAsync(string name, CancellationToken ct)
    {
        byte[] compressed = await container.DownloadAsync(name, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Payload blob '{container.Name}/{name}' is missing; the instance's data was purged or lost.");
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        await input.CopyToAsync(output, ct).ConfigureAwait(false);
        return output.ToArray();
    }

    public async Task DeleteAllAsync(string instanceId, CancellationToken ct)
    {
        await foreach (string name in container.ListAsync(KeySanitizer.Escape(instanceId) + "/", ct).ConfigureAwait(false))
        {
            await container.DeleteAsync(name, ct).ConfigureAwait(false);
        }
    }
}
