using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Sandbox.Hosting;

/// <summary>
/// Writes JSON straight to the response with a <see cref="Utf8JsonWriter"/>, flushing every few KB, so a
/// 200,000-item listing costs a buffer, not a 100 MB string.
/// </summary>
internal static class JsonBody
{
    private const int FlushThreshold = 32 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, Func<Utf8JsonWriter, CancellationToken, Task> write, CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            await write(writer, cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write, CancellationToken cancellationToken, int status = StatusCodes.Status200OK) =>
        WriteAsync(
            context,
            (writer, _) =>
            {
                write(writer);
                return Task.CompletedTask;
            },
            cancellationToken,
            status);

    public static ValueTask FlushIfFullAsync(Utf8JsonWriter writer, CancellationToken cancellationToken) =>
        writer.BytesPending >= FlushThreshold ? new ValueTask(writer.FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
}
