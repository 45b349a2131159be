namespace MediaSync.Streams.Tests.Support;

/// <summary>Reads a stream in the background until it ends or is cancelled, counting the bytes.</summary>
internal sealed class CountingReader
{
    private long _bytes;

    private CountingReader()
    {
    }

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Gets the reading loop; it ends quietly when cancelled or when the stream ends or breaks.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public static CountingReader Start(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new CountingReader();
        reader.Completion = Task.Run(() => reader.ReadAsync(stream, cancellationToken), CancellationToken.None);
        return reader;
    }

    private async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                Interlocked.Add(ref _bytes, read);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // Cancelled, or the relay closed the response: the count so far stands.
        }
    }
}
