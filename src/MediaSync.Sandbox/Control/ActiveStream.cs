namespace MediaSync.Sandbox.Control;

/// <summary>A stream connection being served right now (Dispatcharr's proxy status lists these).</summary>
internal sealed record ActiveStream(string Kind, long StreamId, DateTimeOffset StartedAt, string UserAgent);
