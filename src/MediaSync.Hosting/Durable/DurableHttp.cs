using MediaSync.Durable;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Hosting.Durable;

/// <summary>HTTP answers for functions that start orchestrations, in the Durable Functions shape.</summary>
public static class DurableHttp
{
    /// <summary>
    /// 202 Accepted, <c>Location</c> = the status URL, <c>Retry-After: 10</c>, and the management links as the body
    /// (Durable Functions' <c>CreateCheckStatusResponse</c>).
    /// </summary>
    /// <param name="request">The triggering request (its scheme and host make the links absolute).</param>
    /// <param name="instanceId">The started instance.</param>
    /// <returns>The result to return from the HTTP function.</returns>
    public static IResult CreateCheckStatusResponse(HttpRequest request, string instanceId)
    {
        HttpManagementPayload payload = CreateHttpManagementPayload(request, instanceId);
        return new AcceptedWithRetryAfter(payload.StatusQueryGetUri, TimeSpan.FromSeconds(10), payload);
    }

    /// <summary>
    /// 409 Conflict as a problem (<c>application/problem+json</c>) for a singleton start while an instance with
    /// that id runs; the problem carries the existing instance's management links.
    /// </summary>
    /// <param name="request">The triggering request.</param>
    /// <param name="instanceId">The id of the instance already running.</param>
    /// <param name="status">Its status, when known.</param>
    /// <returns>The result to return from the HTTP function.</returns>
    public static IResult CreateConflictResponse(HttpRequest request, string instanceId, OrchestrationRuntimeStatus? status = null)
    {
        HttpManagementPayload payload = CreateHttpManagementPayload(request, instanceId);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "An instance with this id is already running.",
            Detail = status is null ? $"Instance '{instanceId}' exists." : $"Instance '{instanceId}' is {status}.",
        };
        problem.Extensions["id"] = payload.Id;
        problem.Extensions["statusQueryGetUri"] = payload.StatusQueryGetUri;
        problem.Extensions["terminatePostUri"] = payload.TerminatePostUri;
        problem.Extensions["sendEventPostUri"] = payload.SendEventPostUri;
        return TypedResults.Problem(problem);
    }

    /// <summary>The management links of an instance (for bodies of your own shape).</summary>
    /// <param name="request">The current request.</param>
    /// <param name="instanceId">The instance.</param>
    /// <returns>The links.</returns>
    public static HttpManagementPayload CreateHttpManagementPayload(HttpRequest request, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return request.HttpContext.RequestServices.GetRequiredService<DurableManagementUrls>().Create(request, instanceId);
    }
}
