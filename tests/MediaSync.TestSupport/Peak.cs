namespace MediaSync.TestSupport;

/// <summary>The highest value a counter reached, kept lock-free by the threads that move the counter.</summary>
public static class Peak
{
    /// <summary>Raises <paramref name="peak"/> to <paramref name="value"/> unless it already is at least that high.</summary>
    public static void Raise(ref int peak, int value)
    {
        int current;
        while ((current = Volatile.Read(ref peak)) < value && Interlocked.CompareExchange(ref peak, value, current) != current)
        {
        }
    }
}
