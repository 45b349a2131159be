namespace MediaSync.Streams;

/// <summary>What happened when a viewer asked for a stream; the host maps it to an HTTP answer.</summary>
internal sealed record RelayJoinResult
{
    private RelayJoinResult(RelayJoinOutcome outcome, RelayViewer? viewer, string? detail, TimeSpan? retryAfter)
    {
        Outcome = outcome;
        Viewer = viewer;
        Detail = detail;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the outcome.</summary>
    public RelayJoinOutcome Outcome { get; }

    /// <summary>Gets the viewer when <see cref="Outcome"/> is <see cref="RelayJoinOutcome.Joined"/>.</summary>
    public RelayViewer? Viewer { get; }

    /// <summary>Gets a readable reason when the viewer did not join (never with credentials).</summary>
    public string? Detail { get; }

    /// <summary>Gets when a refused viewer may try again, when known.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>A joined viewer.</summary>
    public static RelayJoinResult Joined(RelayViewer viewer) => new(RelayJoinOutcome.Joined, viewer, null, null);

    /// <summary>No such stream.</summary>
    public static RelayJoinResult NotFound(string streamId) => new(RelayJoinOutcome.NotFound, null, $"No stream with id '{streamId}' is known.", null);

    /// <summary>The account has no free connection.</summary>
    public static RelayJoinResult Refused(string detail, TimeSpan? retryAfter) => new(RelayJoinOutcome.Refused, null, detail, retryAfter);

    /// <summary>The upstream could not be opened.</summary>
    public static RelayJoinResult UpstreamUnavailable(string detail) => new(RelayJoinOutcome.UpstreamUnavailable, null, detail, null);
}
