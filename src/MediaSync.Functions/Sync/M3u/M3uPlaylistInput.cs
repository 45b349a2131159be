namespace MediaSync.Functions.Sync.M3u;

/// <summary>The playlist of an M3U source in one run (one unit: a playlist is one response).</summary>
/// <param name="SourceId">The source.</param>
/// <param name="RunId">The run.</param>
internal sealed record M3uPlaylistInput(string SourceId, string RunId);
