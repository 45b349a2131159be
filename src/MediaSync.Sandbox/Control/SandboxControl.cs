using MediaSync.Sandbox.Control;

namespace MediaSync.Sandbox;

/// <summary>
/// Run-time knobs of a running sandbox: latency, bandwidth, error rate, one-shot faults (429 bursts, hung calls,
/// truncated responses) and change sets. A scope is a prefix of the counter key (see <see cref="SandboxCounters"/>),
/// e.g. <c>"xtream:get_vod_streams"</c> or <c>"jellyfin:"</c>; the empty scope matches every call.
/// </summary>
public sealed class SandboxControl
{
    private readonly Lock _gate = new();
    private readonly List<PendingFault> _faults = [];
    private readonly SandboxCatalog _catalog;
    private readonly SandboxOptions _initial;
    private TimeSpan _minLatency;
    private TimeSpan _maxLatency;
    private long _bandwidth;
    private double _errorRate;
    private string _scope = string.Empty;

    internal SandboxControl(SandboxOptions options, SandboxCatalog catalog)
    {
        _initial = options;
        _catalog = catalog;
        Reset();
    }

    /// <summary>Gets the per-call latency lower bound.</summary>
    public TimeSpan MinLatency
    {
        get { lock (_gate) { return _minLatency; } }
    }

    /// <summary>Gets the per-call latency upper bound.</summary>
    public TimeSpan MaxLatency
    {
        get { lock (_gate) { return _maxLatency; } }
    }

    /// <summary>Gets or sets the bandwidth cap per response in bytes per second; <see langword="null"/> = unlimited.</summary>
    public long? BandwidthBytesPerSecond
    {
        get
        {
            var value = Interlocked.Read(ref _bandwidth);
            return value > 0 ? value : null;
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value ?? 1, 1, nameof(value));
            Interlocked.Exchange(ref _bandwidth, value ?? 0);
        }
    }

    /// <summary>Gets or sets the fraction (0..1) of in-scope calls answered with <see cref="ErrorStatusCode"/>; decided from the seed and the call number.</summary>
    public double ErrorRate
    {
        get { lock (_gate) { return _errorRate; } }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0.0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            lock (_gate)
            {
                _errorRate = value;
            }
        }
    }

    /// <summary>Gets or sets the status injected errors carry.</summary>
    /// <value>Defaults to 500.</value>
    public int ErrorStatusCode { get; set; } = 500;

    /// <summary>Gets or sets whether stream URLs first answer 302 to a load-balancer URL carrying a token, as many panels do (§1.7).</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool RedirectStreams { get; set; }

    /// <summary>Gets or sets the counter-key prefix latency and the error rate apply to.</summary>
    /// <value>Defaults to the empty string: every call.</value>
    public string Scope
    {
        get { lock (_gate) { return _scope; } }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                _scope = value;
            }
        }
    }

    /// <summary>Sets a fixed per-call latency.</summary>
    /// <param name="latency">The delay before every in-scope call is answered.</param>
    public void SetLatency(TimeSpan latency) => SetLatency(latency, latency);

    /// <summary>Sets a per-call latency drawn (deterministically) from a range.</summary>
    /// <param name="min">The shortest delay.</param>
    /// <param name="max">The longest delay.</param>
    public void SetLatency(TimeSpan min, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        lock (_gate)
        {
            _minLatency = min;
            _maxLatency = max;
        }
    }

    /// <summary>Answers the next <paramref name="calls"/> matching calls with 429 and a <c>Retry-After</c> header.</summary>
    /// <param name="calls">How many calls to refuse.</param>
    /// <param name="retryAfter">The advertised wait (whole seconds on the wire).</param>
    /// <param name="scope">The counter-key prefix; empty = any call.</param>
    public void ThrottleNext(int calls, TimeSpan retryAfter, string scope = "") =>
        Queue(new PendingFault(FaultKind.Throttle, scope, calls, retryAfter, 0));

    /// <summary>Makes the next <paramref name="calls"/> matching calls hang until the client gives up.</summary>
    /// <param name="calls">How many calls to hang.</param>
    /// <param name="scope">The counter-key prefix; empty = any call.</param>
    public void HangNext(int calls, string scope = "") =>
        Queue(new PendingFault(FaultKind.Hang, scope, calls, TimeSpan.Zero, 0));

    /// <summary>
    /// Makes the next <paramref name="calls"/> matching stream calls take one of the account's connections and then send
    /// nothing until the client gives up: unlike <see cref="HangNext"/>, the panel counts the connection (<c>active_cons</c>).
    /// </summary>
    /// <param name="calls">How many stream calls to stall.</param>
    /// <param name="scope">The counter-key prefix, e.g. <c>"xtream:stream:live"</c>.</param>
    public void StallNext(int calls, string scope = "") =>
        Queue(new PendingFault(FaultKind.Stall, scope, calls, TimeSpan.Zero, 0));

    /// <summary>Cuts the body of matching responses after <paramref name="afterBytes"/> bytes (the response still ends normally, so the client sees malformed JSON).</summary>
    /// <param name="scope">The counter-key prefix, e.g. <c>"jellyfin:items"</c>.</param>
    /// <param name="afterBytes">How many body bytes get through.</param>
    /// <param name="calls">How many calls to truncate.</param>
    public void TruncateNext(string scope, int afterBytes, int calls = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterBytes);
        Queue(new PendingFault(FaultKind.Truncate, scope, calls, TimeSpan.Zero, afterBytes));
    }

    /// <summary>Applies a change set to the catalog; the next sync sees it.</summary>
    /// <param name="changes">What to add, modify and delete.</param>
    /// <returns>The timestamp the changed items carry (a strictly increasing whole second).</returns>
    public DateTimeOffset ApplyChanges(SandboxChangeSet changes) => _catalog.Apply(changes);

    /// <summary>Restores the knobs given at start and drops queued faults (the catalog keeps its changes).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _faults.Clear();
            _minLatency = _initial.MinLatency;
            _maxLatency = _initial.MaxLatency < _initial.MinLatency ? _initial.MinLatency : _initial.MaxLatency;
            _errorRate = _initial.ErrorRate;
            _scope = string.Empty;
        }

        BandwidthBytesPerSecond = _initial.BandwidthBytesPerSecond;
        ErrorStatusCode = 500;
        RedirectStreams = false;
    }

    internal bool InScope(string key)
    {
        lock (_gate)
        {
            return key.StartsWith(_scope, StringComparison.Ordinal);
        }
    }

    internal PendingFault? TryTake(FaultKind kind, string key)
    {
        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                if (fault.Kind == kind && fault.Remaining > 0 && key.StartsWith(fault.Scope, StringComparison.Ordinal))
                {
                    fault.Remaining--;
                    if (fault.Remaining == 0)
                    {
                        _faults.Remove(fault);
                    }

                    return fault;
                }
            }

            return null;
        }
    }

    private void Queue(PendingFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault.Scope, "scope");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fault.Remaining, "calls");
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }
}
