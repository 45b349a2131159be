namespace MediaSync.Catalog.Model;

/// <summary>A media server library (Jellyfin view, Plex section). <paramref name="Type"/> is <c>tvshows</c>/<c>show</c>, <c>movies</c>/<c>movie</c>...</summary>
internal sealed record MediaLibrary(string Id, string Name, string? Type);
