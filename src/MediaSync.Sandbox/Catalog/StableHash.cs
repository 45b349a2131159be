namespace MediaSync.Sandbox.Catalog;

/// <summary>
/// SplitMix64-based hashing: every generated value is a pure function of the seed and the item's coordinates,
/// so any item can be produced on demand (nothing is materialised) and the same seed gives the same catalog.
/// </summary>
internal static class StableHash
{
    public static ulong Of(long seed, int salt, long a = 0, long b = 0, long c = 0)
    {
        var h = Mix(unchecked((ulong)seed));
        h = Mix(h ^ unchecked((ulong)salt));
        h = Mix(h ^ unchecked((ulong)a));
        h = Mix(h ^ unchecked((ulong)b));
        return Mix(h ^ unchecked((ulong)c));
    }

    /// <summary>A value in [0, 1) taken from the top 53 bits.</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    public static int Below(ulong hash, int exclusiveMax) => exclusiveMax <= 0 ? 0 : (int)(hash % (ulong)exclusiveMax);

    private static ulong Mix(ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }
}
