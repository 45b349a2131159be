namespace MediaSync.Sandbox.Control;

/// <summary>Open connections of one account: all of them (API and stream) and streams alone, with their peaks.</summary>
internal sealed class AccountConnections
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, ActiveStream> _streams = [];
    private long _nextSession;

    public int Current { get; private set; }

    public int Peak { get; private set; }

    public int Streams => _streams.Count;

    public int PeakStreams { get; private set; }

    public IReadOnlyList<ActiveStream> SnapshotStreams()
    {
        lock (_gate)
        {
            return [.. _streams.Values];
        }
    }

    public void OpenApi()
    {
        lock (_gate)
        {
            Current++;
            Peak = Math.Max(Peak, Current);
        }
    }

    public void CloseApi()
    {
        lock (_gate)
        {
            Current--;
        }
    }

    /// <summary>Opens a stream unless the account is at its limit; check and increment are one step so two racing viewers cannot both get the last slot.</summary>
    public long? TryOpenStream(int maxConnections, ActiveStream stream)
    {
        lock (_gate)
        {
            if (maxConnections > 0 && _streams.Count >= maxConnections)
            {
                return null;
            }

            var session = ++_nextSession;
            _streams[session] = stream;
            Current++;
            Peak = Math.Max(Peak, Current);
            PeakStreams = Math.Max(PeakStreams, _streams.Count);
            return session;
        }
    }

    public void CloseStream(long session)
    {
        lock (_gate)
        {
            if (_streams.Remove(session))
            {
                Current--;
            }
        }
    }

    public void ResetPeaks()
    {
        lock (_gate)
        {
            Peak = Current;
            PeakStreams = _streams.Count;
        }
    }
}
