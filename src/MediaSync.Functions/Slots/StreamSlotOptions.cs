namespace MediaSync.Functions.Slots;

/// <summary>How <see cref="StreamSlotOrchestrationExtensions.AcquireStreamSlotAsync"/> takes a slot.</summary>
internal sealed record StreamSlotOptions
{
    /// <summary>Gets how long the leases live without renewal; a crashed holder frees its slot after this.</summary>
    /// <value>Default: 2 minutes.</value>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets how long to wait in line in total (account and global); null waits forever.</summary>
    /// <value>Default: null.</value>
    public TimeSpan? WaitTimeout { get; init; }

    /// <summary>
    /// Gets the place in the global line: a higher priority is granted the global slot first, equal priorities in the
    /// order they came. Account lines stay first come, first served.
    /// </summary>
    /// <value>Default: 0.</value>
    public int GlobalPriority { get; init; }
}
