using System.Collections.Concurrent;

namespace MediaSync.Functions.Tests.Slots;

/// <summary>What the holders' activities saw: when each one started and ended its work under a slot.</summary>
internal sealed class SlotRecorder
{
    private readonly ConcurrentDictionary<string, (string Account, long Start, long? End)> intervals = new();

    public void Start(string tag, string account) => intervals[tag] = (account, TimeProvider.System.GetTimestamp(), null);

    public void End(string tag) => intervals.AddOrUpdate(tag, _ => throw new InvalidOperationException($"{tag} ended before it started"), (_, v) => v with { End = TimeProvider.System.GetTimestamp() });

    public bool HasStarted(string tag) => intervals.ContainsKey(tag);

    public int Count => intervals.Count;

    public (long Start, long End) Interval(string tag) =>
        intervals.TryGetValue(tag, out var v) && v.End is { } end ? (v.Start, end) : throw new InvalidOperationException($"{tag} has no complete interval");

    /// <summary>The most intervals of <paramref name="account"/> open at one instant.</summary>
    public int MaxConcurrent(string account)
    {
        var edges = intervals.Values
            .Where(v => v.Account == account)
            .SelectMany(v => new[] { (At: v.Start, Delta: 1), (At: v.End ?? long.MaxValue, Delta: -1) })
            .OrderBy(e => e.At)
            .ThenBy(e => e.Delta); // an end and a start at the same tick do not overlap
        int open = 0, peak = 0;
        foreach (var (_, delta) in edges)
        {
            open += delta;
            peak = Math.Max(peak, open);
        }

        return peak;
    }
}
