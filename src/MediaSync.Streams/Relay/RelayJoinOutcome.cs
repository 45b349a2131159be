namespace MediaSync.Streams;

/// <summary>The kinds of answer to a viewer; each maps to one HTTP status.</summary>
internal enum RelayJoinOutcome
{
    /// <summary>The viewer receives the stream (200).</summary>
    Joined,

    /// <summary>The stream id is unknown (404).</summary>
    NotFound,

    /// <summary>No viewer slot is free on the stream's account (429).</summary>
    Refused,

    /// <summary>The provider did not deliver the stream (502).</summary>
    UpstreamUnavailable,
}
