namespace MediaSync.Sandbox;

/// <summary>An Xtream live channel as the sandbox serves it.</summary>
/// <param name="StreamId">The <c>stream_id</c>.</param>
/// <param name="Name">The channel name.</param>
/// <param name="CategoryId">The live category id.</param>
/// <param name="ExtraCategoryId">A second category the panel also lists it under (<c>category_ids</c>), or <see langword="null"/>.</param>
/// <param name="Added">The <c>added</c> unix time.</param>
/// <param name="EpgChannelId">The XMLTV id.</param>
/// <param name="TvArchive">Whether catch-up is advertised.</param>
public sealed record SandboxLiveChannel(int StreamId, string Name, int CategoryId, int? ExtraCategoryId, long Added, string EpgChannelId, bool TvArchive);
