using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// Sits innermost in an HTTP client's handlers (below the retries), so it sees every attempt: when each started, how
/// long it took and which were answered 429.
/// </summary>
internal sealed class CallRecorder
{
    private readonly ConcurrentQueue<(long Started, TimeSpan Duration)> durations = new();
    private int throttled;

    public int Calls => durations.Count;

    public int Throttled => Volatile.Read(ref throttled);

    public TimeSpan Slowest => durations.IsEmpty ? TimeSpan.Zero : durations.Max(d => d.Duration);

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the first call started (0 when none did).</summary>
    public long FirstStarted => durations.IsEmpty ? 0 : durations.Min(d => d.Started);

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the last call got its answer (0 when none did).</summary>
    public long LastAnswered => durations.IsEmpty ? 0 : durations.Max(d => d.Started + (long)(d.Duration.TotalSeconds * Stopwatch.Frequency));

    /// <summary>The slowest of the <paramref name="count"/> calls that started last.</summary>
    public TimeSpan SlowestOfLast(int count) =>
        durations.IsEmpty ? TimeSpan.Zero : durations.OrderByDescending(d => d.Started).Take(count).Max(d => d.Duration);

    public void Clear()
    {
        durations.Clear();
        Interlocked.Exchange(ref throttled, 0);
    }

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(CallRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            long started = Stopwatch.GetTimestamp();
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            recorder.durations.Enqueue((started, Stopwatch.GetElapsedTime(started)));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref recorder.throttled);
            }

            return response;
        }
    }
}
