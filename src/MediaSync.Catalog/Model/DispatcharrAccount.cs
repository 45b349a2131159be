namespace MediaSync.Catalog.Model;

/// <summary>A Dispatcharr M3U account. <see cref="MaxStreams"/> 0 means unlimited; limits are enforced per profile.</summary>
internal sealed record DispatcharrAccount
{
    public required long Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public int MaxStreams { get; init; }

    public bool IsActive { get; init; }

    /// <summary>Gets <c>STD</c> (M3U) or <c>XC</c> (Xtream).</summary>
    public string? AccountType { get; init; }

    public string? ServerUrl { get; init; }

    public IReadOnlyList<DispatcharrProfile> Profiles { get; init; } = [];
}

/// <summary>A login profile of a Dispatcharr account; each has its own stream limit.</summary>
internal sealed record DispatcharrProfile(long Id, string Name, int MaxStreams, bool IsActive, bool IsDefault);
