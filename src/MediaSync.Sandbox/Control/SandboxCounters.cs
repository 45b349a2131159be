using System.Collections.Concurrent;
using MediaSync.Sandbox.Control;

namespace MediaSync.Sandbox;

/// <summary>
/// What the sandbox saw: calls per counter key, connections per account and bytes served. Keys read
/// <c>provider:endpoint[:detail]</c>, e.g. <c>xtream:get_series_info:series_id=12</c>,
/// <c>xtream:stream:live</c>, <c>jellyfin:items</c>, <c>jellyfin:seasons:show=5</c>,
/// <c>plex:all:type=4</c>, <c>plex:children:12</c>, <c>tmdb:movie:watch/providers</c>, <c>dispatcharr:streams</c>.
/// </summary>
public sealed class SandboxCounters
{
    private readonly ConcurrentDictionary<string, StrongBox> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AccountConnections> _accounts = new(StringComparer.Ordinal);
    private long _bytes;

    internal SandboxCounters()
    {
    }

    /// <summary>Gets the total number of calls of every key.</summary>
    public long TotalCalls => _calls.Values.Sum(box => Interlocked.Read(ref box.Value));

    /// <summary>Gets the response body bytes written, all endpoints together.</summary>
    public long BytesServed => Interlocked.Read(ref _bytes);

    /// <summary>Gets the calls of exactly one key.</summary>
    /// <param name="key">The counter key.</param>
    /// <returns>The count, 0 when never called.</returns>
    public long Calls(string key) => _calls.TryGetValue(key, out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>Gets the calls of every key starting with a prefix, e.g. <c>"xtream:get_series_info"</c>.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>The summed count.</returns>
    public long CallsStartingWith(string prefix) =>
        _calls.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(pair => Interlocked.Read(ref pair.Value.Value));

    /// <summary>Gets a copy of every key and its count.</summary>
    /// <returns>The snapshot.</returns>
    public IReadOnlyDictionary<string, long> SnapshotCalls() =>
        _calls.ToDictionary(pair => pair.Key, pair => Interlocked.Read(ref pair.Value.Value), StringComparer.Ordinal);

    /// <summary>Gets the connections (API calls and streams) an account has open right now.</summary>
    /// <param name="username">The account's user name.</param>
    /// <returns>The count.</returns>
    public int CurrentConnections(string username) => For(username).Current;

    /// <summary>Gets the API calls of an account in flight right now, counted from their arrival (latency included).</summary>
    /// <param name="username">The account's user name.</param>
    /// <returns>The count.</returns>
    public int CallsInFlight(string username) => For(username).CallsInFlight;

    /// <summary>Gets the most connections (API calls and streams) an account had open at once.</summary>
    /// <param name="username">The account's user name.</param>
    /// <returns>The peak since start or <see cref="Reset"/>.</returns>
    public int PeakConnections(string username) => For(username).Peak;

    /// <summary>Gets the sum over time of an account's API calls in flight, latency included: divided by a run's wall time, how many connections were busy on average.</summary>
    /// <param name="username">The account's user name.</param>
    /// <returns>The call time since start or <see cref="Reset"/>.</returns>
    public TimeSpan ApiCallTime(string username) => For(username).ApiCallTime;

    /// <summary>Gets the stream connections an account has open right now (what <c>active_cons</c> reports).</summary>
    /// <param name="username">The account's user name.</param>
    /// <returns>The count.</returns>
    public int CurrentStreams(string username) => For(username).Streams;

    /// <summary>Gets the most stream connections an account had open at once (never above its limit).</summary>
    /// <param name="username">The account's user name.</param>
    /// <returns>The peak since start or <see cref="Reset"/>.</returns>
    public int PeakStreams(string username) => For(username).PeakStreams;

    /// <summary>Zeroes call counts, bytes and connection time, and lowers peaks to what is open now.</summary>
    public void Reset()
    {
        _calls.Clear();
        Interlocked.Exchange(ref _bytes, 0);
        foreach (var account in _accounts.Values)
        {
            account.ResetPeaks();
        }
    }

    internal void RecordCall(string key) => Interlocked.Increment(ref _calls.GetOrAdd(key, static _ => new StrongBox()).Value);

    internal void AddBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);

    internal AccountConnections For(string username) => _accounts.GetOrAdd(username, static _ => new AccountConnections());

    private sealed class StrongBox
    {
        public long Value;
    }
}
