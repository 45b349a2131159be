using System.Text.Json;
using MediaSync.Durable;
using MediaSync.Functions.Slots;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Functions.Dashboard;

/// <summary><c>GET /api/dashboard/summary</c> (anonymous, read-only): the data behind the dashboard page.</summary>
internal static class DashboardSummaryEndpoint
{
    /// <summary>The HTTP function's name.</summary>
    public const string FunctionName = "DashboardSummary";

    /// <summary>How far back "recent" reaches.</summary>
    internal static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

    /// <summary>At most this many rows (running ones are never dropped in favour of finished ones).</summary>
    internal const int MaxRows = 50;

    /// <summary>Handles the request.</summary>
    public static async Task<IResult> RunAsync(DurableTaskClient client, SlotsReader slotsReader, TimeProvider timeProvider, HttpResponse response, CancellationToken cancellationToken)
    {
        DateTimeOffset now = timeProvider.GetUtcNow();
        OrchestrationQueryPage page = await client.QueryInstancesAsync(
            new OrchestrationQuery { CreatedFrom = now - RecentWindow, PageSize = 200 }, cancellationToken).ConfigureAwait(false);

        List<OrchestrationSummary> rows = page.Values
            .OrderByDescending(m => m.IsRunning)
            .ThenByDescending(m => m.LastUpdatedAt)
            .Take(MaxRows)
            .Select(m => new OrchestrationSummary(
                m.Name, m.InstanceId, m.RuntimeStatus.ToString(), m.CreatedAt, m.LastUpdatedAt, ReadProgress(m.SerializedCustomStatus)))
            .ToList();

        // Counts only: lease ids and holders stay behind the function-key endpoint.
        List<SlotUsage> slots = (await slotsReader.GetAccountsAsync(cancellationToken).ConfigureAwait(false))
            .Select(a => new SlotUsage(a.AccountId, a.Slots.InUse, a.Slots.Limit, a.Slots.Waiting.Count))
            .OrderBy(u => u.Account, StringComparer.Ordinal)
            .ToList();

        response.Headers.CacheControl = "no-store";
        // No slot entity yet: null tells the page to say so.
        return TypedResults.Json(new DashboardSummary(now, rows, slots.Count == 0 ? null : slots), JsonSerializerOptions.Web);
    }

    /// <summary>Reads done/total (and the optional phase, rate, ETA and items) from a custom status; anything else is ignored.</summary>
    internal static ProgressView? ReadProgress(string? customStatus)
    {
        if (string.IsNullOrWhiteSpace(customStatus))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(customStatus);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !TryInt(root, "done", out int done) || !TryInt(root, "total", out int total) || total <= 0)
            {
                return null;
            }

            string? phase = Property(root, "phase") is { ValueKind: JsonValueKind.String } p ? Truncate(p.GetString()!, 40) : null;
            return new ProgressView(phase, done, total, Number(root, "perSecond"), Number(root, "etaSeconds"), Number(root, "items"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Property(JsonElement root, string name)
    {
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static bool TryInt(JsonElement root, string name, out int value)
    {
        value = 0;
        return Property(root, name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out value);
    }

    private static double? Number(JsonElement root, string name) =>
        Property(root, name) is { ValueKind: JsonValueKind.Number } e && e.TryGetDouble(out double d) ? d : null;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
