using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaSync.Durable;

namespace MediaSync.Hosting.Durable;

/// <summary>
/// The Durable Functions status body: <c>{ name, instanceId, runtimeStatus, input, customStatus, output, createdTime,
/// lastUpdatedTime, historyEvents? }</c>, times as <c>yyyy-MM-ddTHH:mm:ssZ</c>, status as a string.
/// </summary>
internal static class OrchestrationStatusBody
{
    public static JsonObject Create(OrchestrationMetadata metadata, bool showInput, IReadOnlyList<JsonElement>? history, bool showHistoryOutput)
    {
        var body = new JsonObject
        {
            ["name"] = metadata.Name,
            ["instanceId"] = metadata.InstanceId,
            ["runtimeStatus"] = metadata.RuntimeStatus.ToString(),
        };
        if (showInput)
        {
            body["input"] = Parse(metadata.SerializedInput);
        }

        body["customStatus"] = Parse(metadata.SerializedCustomStatus);
        body["output"] = metadata.FailureDetails is { } failure && metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed
            ? JsonValue.Create($"{failure.ErrorType}: {failure.ErrorMessage}")
            : Parse(metadata.SerializedOutput);
        body["createdTime"] = Time(metadata.CreatedAt);
        body["lastUpdatedTime"] = Time(metadata.LastUpdatedAt);
        if (history is not null)
        {
            var events = new JsonArray();
            foreach (JsonElement e in history)
            {
                JsonNode? node = JsonNode.Parse(e.GetRawText());
                if (!showHistoryOutput && node is JsonObject item)
                {
                    foreach (string key in item.Select(p => p.Key).Where(IsOutput).ToArray())
                    {
                        item.Remove(key);
                    }
                }

                events.Add(node);
            }

            body["historyEvents"] = events;
        }

        return body;
    }

    public static bool IsRunning(OrchestrationRuntimeStatus status) => status is
        OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or
        OrchestrationRuntimeStatus.ContinuedAsNew or OrchestrationRuntimeStatus.Suspended;

    private static bool IsOutput(string key) =>
        key.Equals("result", StringComparison.OrdinalIgnoreCase) || key.Equals("output", StringComparison.OrdinalIgnoreCase);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}
