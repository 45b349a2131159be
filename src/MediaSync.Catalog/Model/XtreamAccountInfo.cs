namespace MediaSync.Catalog.Model;

/// <summary>The account part of the Xtream account object (credentials deliberately not kept).</summary>
internal sealed record XtreamAccountInfo
{
    public bool Authenticated { get; init; }

    /// <summary>Gets the status text: <c>Active</c>, <c>Expired</c>, <c>Banned</c>, <c>Disabled</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Gets the expiry; <see langword="null"/> means never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public bool IsTrial { get; init; }

    public int? ActiveConnections { get; init; }

    public int? MaxConnections { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public IReadOnlyList<string> AllowedOutputFormats { get; init; } = [];

    public string? Message { get; init; }

    /// <summary>Gets the IANA time zone EPG times are expressed in.</summary>
    public string? ServerTimeZone { get; init; }

    public bool IsActive => Authenticated && string.Equals(Status, "Active", StringComparison.OrdinalIgnoreCase);
}
