namespace MediaSync.Hosting.Configuration;

/// <summary>
/// Configuration keys the host reads. host.json is mapped under <see cref="JobHostRoot"/> exactly as the Azure
/// Functions host does, so <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> overrides the file.
/// </summary>
public static class FunctionsHostSettings
{
    /// <summary>Root of every host.json value (<c>AzureFunctionsJobHost</c>).</summary>
    public const string JobHostRoot = "AzureFunctionsJobHost";

    /// <summary>host.json <c>extensions.durableTask</c>: hubName, storageProvider.*, maxConcurrent*Functions.</summary>
    public const string DurableTaskSection = JobHostRoot + ":extensions:durableTask";

    /// <summary>host.json <c>extensions.http</c>: routePrefix.</summary>
    public const string HttpSection = JobHostRoot + ":extensions:http";

    /// <summary>host.json <c>extensions.queues</c>: batchSize, newBatchThreshold, maxDequeueCount, visibilityTimeout, maxPollingInterval.</summary>
    public const string QueuesSection = JobHostRoot + ":extensions:queues";

    /// <summary>host.json <c>singleton</c>: listenerLockPeriod, listenerLockRecoveryPollingInterval (timer singleton lease).</summary>
    public const string SingletonSection = JobHostRoot + ":singleton";

    /// <summary>The storage connection setting (a connection string, or a section of identity-based endpoint settings).</summary>
    public const string Storage = "AzureWebJobsStorage";

    /// <summary>Identifies the app in shared storage (timer locks and status blobs). Defaults to the application name.</summary>
    public const string HostId = "AzureFunctionsWebHost:hostid";

    /// <summary>The master key: authorizes every level, including admin routes.</summary>
    public const string MasterKey = "Host:MasterKey";

    /// <summary>Host keys (<c>Host:Keys:Default</c>, <c>Host:Keys:&lt;name&gt;</c>): authorize every function-level route.</summary>
    public const string HostKeys = "Host:Keys";

    /// <summary>System keys (<c>Host:SystemKeys:durabletask_extension</c>): authorize the Durable management API.</summary>
    public const string SystemKeys = "Host:SystemKeys";

    /// <summary>Local-only switch (<c>"true"</c>) that turns key checks off; refused outside the Development environment.</summary>
    public const string DisableKeyChecks = "Host:DisableKeyChecks";

    /// <summary>
    /// Per-function keys: <c>Functions:&lt;FunctionName&gt;:Keys:&lt;name&gt;</c>. Use <see cref="FunctionKeys(string)"/>.
    /// </summary>
    public const string FunctionsRoot = "Functions";

    /// <summary>The section holding one function's keys.</summary>
    /// <param name="functionName">The function name as declared.</param>
    /// <returns><c>Functions:{functionName}:Keys</c>.</returns>
    public static string FunctionKeys(string functionName) => $"{FunctionsRoot}:{functionName}:Keys";

    /// <summary>The setting that disables one function (<c>AzureWebJobs.{functionName}.Disabled</c> = "true").</summary>
    /// <param name="functionName">The function name as declared.</param>
    /// <returns>The setting name.</returns>
    public static string Disabled(string functionName) => $"AzureWebJobs.{functionName}.Disabled";
}
