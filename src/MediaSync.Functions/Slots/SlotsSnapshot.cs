namespace MediaSync.Functions.Slots;

/// <summary>Result of the <c>Get</c> operation and of <see cref="SlotsReader"/>: the limit, who holds a slot, who waits.</summary>
/// <param name="Limit">The limit in force (0 = unlimited).</param>
/// <param name="LimitIsDefault">True when no limit was ever set and <paramref name="Limit"/> is the entity's default.</param>
/// <param name="Held">Held leases, oldest grant first.</param>
/// <param name="Waiting">Queued checks, head of the line first.</param>
internal sealed record SlotsSnapshot(int Limit, bool LimitIsDefault, IReadOnlyList<HeldLease> Held, IReadOnlyList<SlotWaiter> Waiting)
{
    /// <summary>Gets how many slots are held (checks and viewers).</summary>
    public int InUse => Held.Count;
}
