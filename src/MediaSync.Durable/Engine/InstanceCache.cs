using System.Collections.Concurrent;

namespace MediaSync.Durable.Engine;

/// <summary>
/// Extended sessions: loaded instances kept between turns so the next turn skips the history query.
/// An entry is valid while its ETag is current; a lost commit race evicts it.
/// </summary>
internal sealed class InstanceCache(TimeProvider timeProvider, TimeSpan idleTimeout, bool enabled)
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public InstanceRecord? Get(string instanceId)
    {
        if (!enabled || !entries.TryGetValue(instanceId, out var entry))
        {
            return null;
        }

        entry.LastUsed = timeProvider.GetUtcNow();
        return entry.Record;
    }

    public void Put(string instanceId, InstanceRecord record)
    {
        if (!enabled)
        {
            return;
        }

        entries[instanceId] = new Entry(record) { LastUsed = timeProvider.GetUtcNow() };
        if (entries.Count > Capacity)
        {
            EvictIdle(TimeSpan.Zero);
        }
    }

    public void Evict(string instanceId) => entries.TryRemove(instanceId, out _);

    public void EvictWhere(Func<string, bool> predicate)
    {
        foreach (string key in entries.Keys)
        {
            if (predicate(key))
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    public void EvictIdle() => EvictIdle(idleTimeout);

    private void EvictIdle(TimeSpan idle)
    {
        var cutoff = timeProvider.GetUtcNow() - idle;
        foreach (var (key, entry) in entries)
        {
            if (entry.LastUsed <= cutoff)
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry(InstanceRecord record)
    {
        public InstanceRecord Record { get; } = record;

        public DateTimeOffset LastUsed { get; set; }
    }
}
