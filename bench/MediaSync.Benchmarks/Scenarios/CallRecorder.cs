using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// Sits innermost in an HTTP client's handlers (below the retries), so it sees every attempt: how long each took and
/// which were answered 429.
/// </summary>
internal sealed class CallRecorder
{
    private readonly ConcurrentQueue<TimeSpan> durations = new();
    private int throttled;

    public int Calls => durations.Count;

    public int Throttled => Volatile.Read(ref throttled);

    public TimeSpan Slowest => durations.IsEmpty ? TimeSpan.Zero : durations.Max();

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
            recorder.durations.Enqueue(Stopwatch.GetElapsedTime(started));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref recorder.throttled);
            }

            return response;
        }
    }
}
