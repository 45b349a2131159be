using MediaSync.Sandbox.Endpoints.Dispatcharr;
using MediaSync.Sandbox.Endpoints.Jellyfin;
using MediaSync.Sandbox.Endpoints.Plex;
using MediaSync.Sandbox.Endpoints.Tmdb;
using MediaSync.Sandbox.Endpoints.Xtream;
using MediaSync.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace MediaSync.Sandbox.Endpoints;

/// <summary>Maps every simulated provider onto one route table.</summary>
internal static class SandboxEndpoints
{
    public static void MapSandboxProviders(this IEndpointRouteBuilder app, SandboxServices sandbox)
    {
        app.MapGet("/", () => "MediaSync sandbox providers");
        app.MapXtreamApi(sandbox);
        app.MapXtreamPlaylist(sandbox);
        app.MapXtreamStreams(sandbox);
        app.MapJellyfin(sandbox);
        app.MapPlex(sandbox);
        app.MapTmdb(sandbox);
        app.MapDispatcharr(sandbox);
    }
}
