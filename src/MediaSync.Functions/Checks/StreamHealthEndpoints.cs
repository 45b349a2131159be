using Microsoft.AspNetCore.Http;

namespace MediaSync.Functions.Checks;

/// <summary>
/// Stream health browsing (function key), under <c>/api/health/streams/…</c> beside the anonymous <c>GET /api/health</c>:
/// <c>GET /api/health/streams/{accountId}?pageSize=100&amp;continuationToken=…</c> pages an account's streams in id
/// order; <c>GET /api/health/streams/{accountId}/{streamId}</c> gives one stream with its last checks.
/// </summary>
internal static class StreamHealthEndpoints
{
    /// <summary>The paged listing's function name.</summary>
    public const string ListFunctionName = "ListStreamHealth";

    /// <summary>The single stream's function name.</summary>
    public const string GetFunctionName = "GetStreamHealth";

    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    /// <summary>Handles the paged listing.</summary>
    public static async Task<IResult> ListAsync(
        string accountId, int? pageSize, string? continuationToken, XtreamLiveStreams streams, StreamHealthStore health, CancellationToken cancellationToken)
    {
        if (!streams.IsAccount(accountId))
        {
            return UnknownAccount(accountId);
        }

        int size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query parameter.", detail: $"'pageSize' must be between 1 and {MaxPageSize} (was {size}).");
        }

        try
        {
            return TypedResults.Ok(await health.ListAsync(accountId.ToLowerInvariant(), continuationToken, size, cancellationToken).ConfigureAwait(false));
        }
        catch (ArgumentException ex) when (ex.ParamName == "token")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query parameter.", detail: $"'continuationToken': {ex.Message}");
        }
    }

    /// <summary>Handles one stream.</summary>
    public static async Task<IResult> GetAsync(string accountId, string streamId, XtreamLiveStreams streams, StreamHealthStore health, CancellationToken cancellationToken)
    {
        if (!streams.IsAccount(accountId))
        {
            return UnknownAccount(accountId);
        }

        StreamHealthEntry? entry = await health.GetAsync(accountId.ToLowerInvariant(), streamId, cancellationToken).ConfigureAwait(false);
        return entry is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Never checked.", detail: $"Stream '{streamId}' of account '{accountId}' has no check result.")
            : TypedResults.Ok(entry);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult UnknownAccount(string accountId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown account.", detail: $"'{accountId}' is not an enabled xtream source.");
}
