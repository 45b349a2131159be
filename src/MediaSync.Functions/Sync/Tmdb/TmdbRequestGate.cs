using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>
/// Process-wide TMDb pacing: at most <see cref="TmdbEnrichmentOptions.RequestsPerSecond"/> requests start in any window
/// of one second (plus a margin). A sliding log rather than a token bucket: a bucket refilled on its own clock can let
/// twice the limit into one of the server's one-second windows, and TMDb answers the excess with 429. A first burst of
/// up to the limit still goes out at once.
/// </summary>
internal sealed class TmdbRequestGate(IOptionsMonitor<TmdbEnrichmentOptions> options, TimeProvider time) : IDisposable
{
    private readonly Queue<DateTimeOffset> starts = new();
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Waits until one more request may start, and counts it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TmdbEnrichmentOptions settings = options.CurrentValue;
            TimeSpan window = TimeSpan.FromSeconds(1) + settings.RateWindowMargin;
            while (true)
            {
                DateTimeOffset now = time.GetUtcNow();
                while (starts.Count > 0 && now - starts.Peek() >= window)
                {
                    starts.Dequeue();
                }

                if (starts.Count < settings.RequestsPerSecond)
                {
                    starts.Enqueue(now);
                    return;
                }

                await Task.Delay(starts.Peek() + window - now, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose() => turn.Dispose();
}
