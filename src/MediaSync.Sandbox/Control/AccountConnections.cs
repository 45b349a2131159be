using System.Diagnostics;

namespace MediaSync.Sandbox.Control;

/// <summary>Open connections of one account: all of them (API and stream) and streams alone, with their peaks and busy time.</summary>
internal sealed class AccountConnections
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, ActiveStream> _streams = [];
    private long _nextSession;
    private int _callsInFlight;
    private long _busyTicks;
    private long _lastChange = Stopwatch.GetTimestamp();

    public int Current { get; private set; }

    /// <summary>
    /// Gets the sum over time of the API calls in flight, from arrival to the last byte (two calls for a second make
    /// two). Wider than <see cref="Current"/>, which counts a call from the end of its injected latency: counted from
    /// arrival, a client's next call could race the end of its last one and look like one connection too many.
    /// </summary>
    public TimeSpan ApiCallTime
    {
        get
        {
            lock (_gate)
            {
                Accumulate();
                return Stopwatch.GetElapsedTime(0, _busyTicks);
            }
        }
    }

    public int Peak { get; private set; }

    /// <summary>Gets the API calls in flight now, counted from arrival (see <see cref="ApiCallTime"/>).</summary>
    public int CallsInFlight
    {
        get
        {
            lock (_gate)
            {
                return _callsInFlight;
            }
        }
    }

    public int Streams => _streams.Count;

    public int PeakStreams { get; private set; }

    public IReadOnlyList<ActiveStream> SnapshotStreams()
    {
        lock (_gate)
        {
            return [.. _streams.Values];
        }
    }

    public void BeginCall()
    {
        lock (_gate)
        {
            Accumulate();
            _callsInFlight++;
        }
    }

    public void EndCall()
    {
        lock (_gate)
        {
            Accumulate();
            _callsInFlight--;
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
            _busyTicks = 0;
            _lastChange = Stopwatch.GetTimestamp();
        }
    }

    // Called under the gate, before the calls in flight change.
    private void Accumulate()
    {
        long now = Stopwatch.GetTimestamp();
        _busyTicks += _callsInFlight * (now - _lastChange);
        _lastChange = now;
    }
}
