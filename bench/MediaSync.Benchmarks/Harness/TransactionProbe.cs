using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MediaSync.Benchmarks.Harness;

/// <summary>
/// A pipeline policy that times every Table Storage entity group transaction (<c>$batch</c>) and
/// records the request size of every 16th, so a benchmark can show how long one transaction takes and
/// how big it is.
/// </summary>
/// <remarks>
/// Computing a transaction's length makes the SDK serialize every operation once more, which costs
/// client CPU that the benchmark measures; a sample of one in 16 keeps that out of the figures.
/// </remarks>
internal sealed class TransactionProbe : HttpPipelinePolicy
{
    private long count;
    private long ticks;
    private long bytes;
    private long sized;

    /// <summary>Gets the transactions seen, their total time, and the request bytes and count of those sized.</summary>
    public (long Count, TimeSpan Time, long Bytes, long Sized) Totals =>
        (Interlocked.Read(ref count), TimeSpan.FromTicks(Interlocked.Read(ref ticks)), Interlocked.Read(ref bytes), Interlocked.Read(ref sized));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        long start = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Record(message, start);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        long start = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Record(message, start);
    }

    private void Record(HttpMessage message, long start)
    {
        if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
        {
            return;
        }

        long number = Interlocked.Increment(ref count);
        Interlocked.Add(ref ticks, Stopwatch.GetElapsedTime(start).Ticks);
        if (number % 16 == 1 && message.Request.Content is { } content && content.TryComputeLength(out long length))
        {
            Interlocked.Add(ref bytes, length);
            Interlocked.Increment(ref sized);
        }
    }
}
