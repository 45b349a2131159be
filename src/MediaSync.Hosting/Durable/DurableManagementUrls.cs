using MediaSync.Hosting.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MediaSync.Hosting.Durable;

/// <summary>
/// Builds the management links. They carry the Durable system key (<c>Host:SystemKeys:durabletask_extension</c>) in
/// <c>code</c>, as Durable Functions does, so whoever may start an instance can follow its links; without a system key
/// the links have no <c>code</c> and callers add their own. The master key is never put into a link.
/// </summary>
internal sealed class DurableManagementUrls(IOptions<DurableTaskHostOptions> durable, IConfiguration configuration)
{
    public const string BasePath = "/runtime/webhooks/durabletask";
    public const string SystemKeyName = "durabletask_extension";

    private readonly string? systemKey = configuration[$"{FunctionsHostSettings.SystemKeys}:{SystemKeyName}"];

    public HttpManagementPayload Create(HttpRequest request, string instanceId)
    {
        string instance = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        string query = $"taskHub={Uri.EscapeDataString(durable.Value.HubName)}&connection=Storage" +
            (string.IsNullOrEmpty(systemKey) ? string.Empty : $"&code={Uri.EscapeDataString(systemKey)}");
        return new HttpManagementPayload(
            instanceId,
            new Uri($"{instance}?{query}"),
            new Uri($"{instance}/raiseEvent/{{eventName}}?{query}"),
            new Uri($"{instance}/terminate?reason={{text}}&{query}"),
            new Uri($"{instance}?{query}"),
            new Uri($"{instance}/restart?{query}"),
            new Uri($"{instance}/suspend?reason={{text}}&{query}"),
            new Uri($"{instance}/resume?reason={{text}}&{query}"));
    }
}
