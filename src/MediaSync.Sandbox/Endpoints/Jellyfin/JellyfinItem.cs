namespace MediaSync.Sandbox.Endpoints.Jellyfin;

/// <summary>One BaseItemDto to render: a series, a season or an episode of the TV library.</summary>
internal readonly record struct JellyfinItem(string Type, SandboxTvShow Show, SandboxTvSeason? Season, SandboxTvEpisode? Episode)
{
    public string Id => Episode?.JellyfinId ?? Season?.JellyfinId ?? Show.JellyfinId;

    public DateTimeOffset DateLastSaved => Episode?.UpdatedAt ?? Season?.UpdatedAt ?? Show.UpdatedAt;

    public DateTimeOffset DateCreated => Episode?.AddedAt ?? Season?.AddedAt ?? Show.AddedAt;
}
