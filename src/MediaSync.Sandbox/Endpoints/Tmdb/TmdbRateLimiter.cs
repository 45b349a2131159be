namespace MediaSync.Sandbox.Endpoints.Tmdb;

/// <summary>TMDb's soft ceiling as a fixed one-second window on the sandbox clock.</summary>
internal sealed class TmdbRateLimiter(TimeProvider time, int perSecond)
{
    private readonly Lock _gate = new();
    private long _window = -1;
    private int _used;

    public bool TryAcquire(out int retryAfterSeconds)
    {
        retryAfterSeconds = 1;
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (second != _window)
            {
                _window = second;
                _used = 0;
            }

            _used++;
            return _used <= perSecond;
        }
    }
}
