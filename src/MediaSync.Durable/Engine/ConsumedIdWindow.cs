using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MediaSync.Durable.Engine;

/// <summary>
/// A bounded window of consumed message ids (an 8-byte hash, the commit that consumed it and when),
/// stored as binary in the state row so an entity drops redelivered messages without keeping history.
/// </summary>
internal sealed class ConsumedIdWindow
{
    /// <summary>Ids are kept at least this long: far beyond the control queue's visibility timeout and deferral backoff.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    /// <summary>At most this many ids (24 bytes each, about 480 KB over several properties) — a bound on the row size.</summary>
    public const int MaxCount = 20_000;

    private const int EntryBytes = 24;
    private readonly List<Entry> entries = [];
    private readonly HashSet<ulong> hashes = [];

    public int Count => entries.Count;

    public static ulong Hash(string id) => BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    public bool Contains(string id) => hashes.Contains(Hash(id));

    public void Add(string id, long commitSeq, DateTime at)
    {
        ulong hash = Hash(id);
        if (hashes.Add(hash))
        {
            entries.Add(new Entry(hash, commitSeq, at.Ticks));
        }
    }

    /// <summary>Drops ids older than <see cref="MinimumAge"/>, and the oldest beyond <see cref="MaxCount"/>.</summary>
    public void Trim(DateTime now)
    {
        long cutoff = (now - MinimumAge).Ticks;
        int drop = entries.FindIndex(e => e.Ticks >= cutoff);
        drop = drop < 0 ? entries.Count : drop;
        drop = Math.Max(drop, entries.Count - MaxCount);
        if (drop <= 0)
        {
            return;
        }

        foreach (var e in entries.Take(drop))
        {
            hashes.Remove(e.Hash);
        }

        entries.RemoveRange(0, drop);
    }

    public ConsumedIdWindow Clone()
    {
        var copy = new ConsumedIdWindow();
        copy.entries.AddRange(entries);
        copy.hashes.UnionWith(hashes);
        return copy;
    }

    public byte[] ToBytes()
    {
        byte[] bytes = new byte[entries.Count * EntryBytes];
        for (int i = 0; i < entries.Count; i++)
        {
            var span = bytes.AsSpan(i * EntryBytes, EntryBytes);
            BinaryPrimitives.WriteUInt64LittleEndian(span, entries[i].Hash);
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], entries[i].CommitSeq);
            BinaryPrimitives.WriteInt64LittleEndian(span[16..], entries[i].Ticks);
        }

        return bytes;
    }

    public static ConsumedIdWindow FromBytes(ReadOnlySpan<byte> bytes)
    {
        var window = new ConsumedIdWindow();
        for (int offset = 0; offset + EntryBytes <= bytes.Length; offset += EntryBytes)
        {
            var span = bytes.Slice(offset, EntryBytes);
            var entry = new Entry(BinaryPrimitives.ReadUInt64LittleEndian(span), BinaryPrimitives.ReadInt64LittleEndian(span[8..]), BinaryPrimitives.ReadInt64LittleEndian(span[16..]));
            if (window.hashes.Add(entry.Hash))
            {
                window.entries.Add(entry);
            }
        }

        return window;
    }

    private readonly record struct Entry(ulong Hash, long CommitSeq, long Ticks);
}
