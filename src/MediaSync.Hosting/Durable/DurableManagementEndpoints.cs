using System.Globalization;
using System.Text.Json;
using MediaSync.Durable;
using MediaSync.Hosting.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaSync.Hosting.Durable;

/// <summary>
/// The Durable Functions HTTP management API under <c>/runtime/webhooks/durabletask</c> (outside the route prefix),
/// authorized by the system key or the master key.
/// </summary>
internal static class DurableManagementEndpoints
{
    public const string FunctionName = "DurableTaskExtension";
    private const string ContinuationHeader = "x-ms-continuation-token";

    public static void MapDurableManagement(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder group = endpoints.MapGroup(DurableManagementUrls.BasePath + "/instances")
            .WithMetadata(new FunctionEndpointMetadata(FunctionName, AuthLevel.System));
        group.MapGet("/", ListAsync);
        group.MapDelete("/", PurgeManyAsync);
        group.MapGet("/{instanceId}", GetStatusAsync);
        group.MapDelete("/{instanceId}", PurgeAsync);
        group.MapPost("/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        group.MapPost("/{instanceId}/terminate", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ControlAsync(instanceId, client, ct, () => client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason), ct)));
        group.MapPost("/{instanceId}/suspend", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ControlAsync(instanceId, client, ct, () => client.SuspendInstanceAsync(instanceId, reason, ct)));
        group.MapPost("/{instanceId}/resume", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ControlAsync(instanceId, client, ct, () => client.ResumeInstanceAsync(instanceId, reason, ct)));
        group.MapPost("/{instanceId}/restart", RestartAsync);
    }

    private static async Task<IResult> GetStatusAsync(
        string instanceId, HttpRequest request, DurableTaskClient client, CancellationToken ct,
        bool showHistory = false, bool showHistoryOutput = false, bool showInput = true, bool returnInternalServerErrorOnFailure = false)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct).ConfigureAwait(false);
        if (metadata is null)
        {
            return NotFound(instanceId);
        }

        IReadOnlyList<JsonElement>? history = showHistory ? await client.GetInstanceHistoryAsync(instanceId, ct).ConfigureAwait(false) : null;
        var body = OrchestrationStatusBody.Create(metadata, showInput, history, showHistoryOutput);
        if (OrchestrationStatusBody.IsRunning(metadata.RuntimeStatus))
        {
            return new AcceptedWithRetryAfter(new Uri(request.CurrentUrl()), TimeSpan.FromSeconds(5), body);
        }

        int status = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && returnInternalServerErrorOnFailure
            ? StatusCodes.Status500InternalServerError
            : StatusCodes.Status200OK;
        return Results.Json(body, statusCode: status);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, HttpResponse response, DurableTaskClient client, CancellationToken ct)
    {
        if (!TryReadFilter(request, out OrchestrationQuery? query, out IResult? invalid))
        {
            return invalid!;
        }

        bool showInput = !bool.TryParse(request.Query["showInput"], out bool si) || si;
        string? continuation = request.Headers[ContinuationHeader].FirstOrDefault();
        OrchestrationQueryPage page = await client.QueryInstancesAsync(
            query! with { ContinuationToken = string.IsNullOrEmpty(continuation) ? null : continuation, FetchInputsAndOutputs = showInput },
            ct).ConfigureAwait(false);
        if (page.ContinuationToken is not null)
        {
            response.Headers[ContinuationHeader] = page.ContinuationToken;
        }

        return Results.Json(page.Values.Select(m => OrchestrationStatusBody.Create(m, showInput, null, false)).ToArray());
    }

    private static async Task<IResult> RaiseEventAsync(string instanceId, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        JsonElement? payload = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                using JsonDocument document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct).ConfigureAwait(false);
                payload = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The event payload is not valid JSON.");
            }
        }

        return await ControlAsync(instanceId, client, ct, () => client.RaiseEventAsync(instanceId, eventName, payload, ct)).ConfigureAwait(false);
    }

    private static async Task<IResult> ControlAsync(string instanceId, DurableTaskClient client, CancellationToken ct, Func<Task> operation)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        if (metadata is null)
        {
            return NotFound(instanceId);
        }

        if (!OrchestrationStatusBody.IsRunning(metadata.RuntimeStatus))
        {
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "The instance has already finished.", detail: $"Instance '{instanceId}' is {metadata.RuntimeStatus}.");
        }

        await operation().ConfigureAwait(false);
        return Results.Accepted();
    }

    private static async Task<IResult> PurgeAsync(string instanceId, DurableTaskClient client, CancellationToken ct)
    {
        PurgeResult result = await client.PurgeInstanceAsync(instanceId, null, ct).ConfigureAwait(false);
        return result.PurgedInstanceCount == 0 ? NotFound(instanceId) : Results.Json(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static async Task<IResult> PurgeManyAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        if (!TryReadFilter(request, out OrchestrationQuery? query, out IResult? invalid))
        {
            return invalid!;
        }

        PurgeResult result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(query!.CreatedFrom, query.CreatedTo, query.Statuses), ct).ConfigureAwait(false);
        return result.PurgedInstanceCount == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No instance matched.")
            : Results.Json(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static async Task<IResult> RestartAsync(string instanceId, HttpRequest request, DurableTaskClient client, CancellationToken ct, bool restartWithNewInstanceId = true)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct).ConfigureAwait(false);
        if (metadata is null)
        {
            return NotFound(instanceId);
        }

        object? input = metadata.SerializedInput is null ? null : JsonDocument.Parse(metadata.SerializedInput).RootElement.Clone();
        string newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        try
        {
            newId = await client.ScheduleNewOrchestrationInstanceAsync(metadata.Name, input, new StartOrchestrationOptions(newId), ct).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return DurableHttp.CreateConflictResponse(request, ex.InstanceId, ex.Status);
        }

        return DurableHttp.CreateCheckStatusResponse(request, newId);
    }

    private static bool TryReadFilter(HttpRequest request, out OrchestrationQuery? query, out IResult? invalid)
    {
        query = null;
        invalid = null;
        if (!TryDate(request, "createdTimeFrom", out DateTimeOffset? from, ref invalid) || !TryDate(request, "createdTimeTo", out DateTimeOffset? to, ref invalid))
        {
            return false;
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (string name in request.Query["runtimeStatus"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Enum.TryParse(name, ignoreCase: true, out OrchestrationRuntimeStatus status) || int.TryParse(name, out _))
            {
                invalid = BadParameter("runtimeStatus", $"'{name}' is not a runtime status.");
                return false;
            }

            statuses.Add(status);
        }

        int top = 100;
        string? topText = request.Query["top"];
        if (topText is not null && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > 1000))
        {
            invalid = BadParameter("top", "must be a whole number from 1 to 1000.");
            return false;
        }

        string? prefix = request.Query["instanceIdPrefix"];
        query = new OrchestrationQuery
        {
            CreatedFrom = from,
            CreatedTo = to,
            Statuses = statuses.Count == 0 ? null : statuses,
            InstanceIdPrefix = string.IsNullOrEmpty(prefix) ? null : prefix,
            PageSize = top,
        };
        return true;
    }

    private static bool TryDate(HttpRequest request, string name, out DateTimeOffset? value, ref IResult? invalid)
    {
        value = null;
        string? text = request.Query[name];
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            value = parsed;
            return true;
        }

        invalid = BadParameter(name, "must be an ISO-8601 date and time.");
        return false;
    }

    private static IResult BadParameter(string name, string problem) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query parameter.", detail: $"'{name}' {problem}");

    private static IResult NotFound(string instanceId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such instance.", detail: $"Instance '{instanceId}' does not exist.");

    /// <summary>The request URL, <c>code</c> included: it is the caller's own key, needed to poll.</summary>
    private static string CurrentUrl(this HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
}
