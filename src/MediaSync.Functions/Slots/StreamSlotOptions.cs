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
}
