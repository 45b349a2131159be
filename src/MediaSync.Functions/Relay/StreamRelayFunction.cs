using MediaSync.Streams;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Functions.Relay;

/// <summary>
/// <c>GET /api/streams/{id}/live</c> (function key): the multi-viewer relay of a live channel of the relay's source —
/// 200 <c>video/mp2t</c>, 404 unknown stream, 429 with a problem body when the account has no free connection, 502 when
/// the provider does not deliver.
/// </summary>
internal static class StreamRelayFunction
{
    /// <summary>The HTTP function's name.</summary>
    public const string FunctionName = "StreamRelay";

    /// <summary>Serves one viewer.</summary>
    public static Task RunAsync(HttpContext context, string id, StreamRelay relay) => StreamRelayEndpoints.ServeAsync(context, id, relay);
}
