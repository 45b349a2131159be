namespace MediaSync.Catalog.Tests.Support;

/// <summary>System time plus an offset the test moves forward; timers stay real, so only clock reads jump.</summary>
internal sealed class ShiftableTimeProvider : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
}
