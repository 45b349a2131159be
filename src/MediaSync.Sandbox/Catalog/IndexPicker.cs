namespace MediaSync.Sandbox.Catalog;

/// <summary>Picks which items a change set touches: spread over the whole range, deterministic for a seed and change-set number.</summary>
internal static class IndexPicker
{
    public static List<int> Pick(int slots, int count, ulong hash, Func<int, bool> eligible, HashSet<int> taken)
    {
        var picked = new List<int>(Math.Min(count, slots));
        if (slots == 0 || count == 0)
        {
            return picked;
        }

        var stride = Math.Max(1, slots / count);
        var start = (int)(hash % (ulong)slots);
        for (var k = 0; picked.Count < count && k < count; k++)
        {
            var first = (int)((start + ((long)k * stride)) % slots);
            for (var probe = 0; probe < slots; probe++)
            {
                var candidate = (first + probe) % slots;
                if (eligible(candidate) && taken.Add(candidate))
                {
                    picked.Add(candidate);
                    break;
                }
            }
        }

        return picked;
    }
}
