using System.Text.Json.Serialization;

namespace MediaSync.Hosting.Durable;

/// <summary>
/// The links Durable Functions' <c>CreateCheckStatusResponse</c> returns for an instance, all under
/// <c>/runtime/webhooks/durabletask/instances/{id}</c> with <c>taskHub</c>, <c>connection</c> and (when a system key
/// is configured) <c>code</c>.
/// </summary>
/// <param name="Id">The instance id.</param>
/// <param name="StatusQueryGetUri">GET: the instance status.</param>
/// <param name="SendEventPostUri">POST: raise an event (replace <c>{eventName}</c>).</param>
/// <param name="TerminatePostUri">POST: terminate (replace <c>{text}</c> with the reason).</param>
/// <param name="PurgeHistoryDeleteUri">DELETE: purge a finished instance.</param>
/// <param name="RestartPostUri">POST: start again with the same input.</param>
/// <param name="SuspendPostUri">POST: suspend (replace <c>{text}</c> with the reason).</param>
/// <param name="ResumePostUri">POST: resume (replace <c>{text}</c> with the reason).</param>
public sealed record HttpManagementPayload(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] Uri StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] Uri SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] Uri TerminatePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] Uri PurgeHistoryDeleteUri,
    [property: JsonPropertyName("restartPostUri")] Uri RestartPostUri,
    [property: JsonPropertyName("suspendPostUri")] Uri SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] Uri ResumePostUri);
