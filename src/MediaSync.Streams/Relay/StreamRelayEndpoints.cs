using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Streams;

/// <summary>HTTP endpoints of the relay.</summary>
internal static class StreamRelayEndpoints
{
    /// <summary>
    /// Maps <c>GET {pattern}</c> (the pattern must have an <c>{id}</c> parameter) to the relay:
    /// 200 <c>video/mp2t</c> while the stream lasts, 404 unknown stream, 429 no free connection
    /// (with <c>Retry-After</c> when known), 502 provider failure; errors as problem details.
    /// </summary>
    public static IEndpointConventionBuilder MapStreamRelay(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/api/streams/{id}/live") =>
        endpoints.MapGet(pattern, (RequestDelegate)(context => ServeAsync(
            context,
            context.GetRouteValue("id") as string ?? throw new InvalidOperationException($"The relay route '{pattern}' has no {{id}} parameter."),
            context.RequestServices.GetRequiredService<StreamRelay>())));

    /// <summary>Maps <c>GET {pattern}</c> to the relay's statistics as JSON.</summary>
    public static IEndpointConventionBuilder MapStreamRelayStats(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/api/streams/relay/stats") =>
        endpoints.MapGet(pattern, (RequestDelegate)(context => context.Response.WriteAsJsonAsync(
            context.RequestServices.GetRequiredService<StreamRelay>().GetStats(), context.RequestAborted)));

    /// <summary>Serves one viewer of <paramref name="streamId"/>; a host without routing can call it directly.</summary>
    public static async Task ServeAsync(HttpContext context, string streamId, StreamRelay relay)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(relay);
        RelayJoinResult join = await relay.JoinAsync(streamId, context.RequestAborted).ConfigureAwait(false);
        switch (join.Outcome)
        {
            case RelayJoinOutcome.NotFound:
                await Problem(context, StatusCodes.Status404NotFound, "Unknown stream", join.Detail).ConfigureAwait(false);
                return;
            case RelayJoinOutcome.Refused:
                if (join.RetryAfter is TimeSpan retryAfter)
                {
                    context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await Problem(context, StatusCodes.Status429TooManyRequests, "No free connection for this stream", join.Detail).ConfigureAwait(false);
                return;
            case RelayJoinOutcome.UpstreamUnavailable:
                await Problem(context, StatusCodes.Status502BadGateway, "The provider did not deliver the stream", join.Detail).ConfigureAwait(false);
                return;
        }

        RelayViewer viewer = join.Viewer!;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "video/mp2t";
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // The relay disconnects a viewer that fell too far behind; aborting is the only way to end a blocked write.
        using var abortOnLag = viewer.Disconnected.Register(static state => ((HttpContext)state!).Abort(), context);
        try
        {
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The viewer left before the first byte; CopyToAsync below still removes it.
        }

        await viewer.CopyToAsync(context.Response.BodyWriter, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task Problem(HttpContext context, int status, string title, string? detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title, instance: context.Request.Path).ExecuteAsync(context);
}
