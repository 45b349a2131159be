using System.Text.Json;
using System.Text.Json.Serialization;
using MediaSync.Durable.Storage;

namespace MediaSync.Durable.Engine;

/// <summary>
/// <c>taskhub.json</c> in the leases container: the facts every host of a hub must agree on. The
/// partition count decides which queue an instance lives in, so a host configured differently
/// would strand instances; two different apps on one hub steal each other's messages (a classic
/// cause of instances stuck in Pending). Both refuse to start with a message naming the setting.
/// </summary>
internal sealed record TaskHubDescriptor(
    [property: JsonPropertyName("partitionCount")] int PartitionCount,
    [property: JsonPropertyName("appName")] string? AppName,
    [property: JsonPropertyName("formatVersion")] int FormatVersion)
{
    public const string BlobName = "taskhub.json";
    private const int CurrentFormat = 1;

    public static async Task VerifyOrCreateAsync(IBlobContainer leases, string hubName, int partitionCount, string? appName, CancellationToken ct)
    {
        var mine = new TaskHubDescriptor(partitionCount, appName, CurrentFormat);
        try
        {
            await leases.UploadAsync(BlobName, JsonSerializer.SerializeToUtf8Bytes(mine), ifNoneMatch: true, ct).ConfigureAwait(false);
            return;
        }
        catch (StorageConflictException)
        {
            // Already described: check that we agree with it.
        }

        byte[] bytes = await leases.DownloadAsync(BlobName, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Task hub '{hubName}': {leases.Name}/{BlobName} vanished while starting; start again.");
        var stored = JsonSerializer.Deserialize<TaskHubDescriptor>(bytes)
            ?? throw new InvalidOperationException($"Task hub '{hubName}': {leases.Name}/{BlobName} is empty or unreadable.");
        if (stored.PartitionCount != partitionCount)
        {
            throw new InvalidOperationException(
                $"Task hub '{hubName}' was created with storageProvider.partitionCount = {stored.PartitionCount}, but this host is configured " +
                $"with {partitionCount}. The partition count is fixed for the life of a hub: restore the setting or use a new hubName.");
        }

        if (appName is not null && stored.AppName is not null && !string.Equals(stored.AppName, appName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Task hub '{hubName}' belongs to app '{stored.AppName}', not '{appName}'. Two apps must not share a hub: give this one its own hubName.");
        }
    }
}
