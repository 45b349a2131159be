using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Functions.Slots;

/// <summary><c>GET /api/accounts/{id}/slots</c> (function key): an account's limit, held leases (kind, expiry) and waiters.</summary>
internal static class AccountSlotsEndpoint
{
    /// <summary>The HTTP function's name.</summary>
    public const string FunctionName = "GetAccountSlots";

    /// <summary>Handles the request.</summary>
    public static async Task<IResult> RunAsync(string id, SlotsReader reader, HttpResponse response, CancellationToken cancellationToken)
    {
        SlotsSnapshot slots = await reader.GetAccountAsync(id, cancellationToken).ConfigureAwait(false);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            new
            {
                accountId = id,
                slots.Limit,
                slots.LimitIsDefault,
                slots.InUse,
                held = slots.Held.Select(l => new { l.LeaseId, l.Holder, l.Kind, l.ExpiresAt }),
                waiting = slots.Waiting.Select((w, i) => new { position = i + 1, w.LeaseId, w.Holder, w.QueuedAt }),
            },
            JsonSerializerOptions.Web);
    }
}
