using Azure.Identity;
using MediaSync.Durable;
using MediaSync.Hosting.Configuration;
using MediaSync.Hosting.Storage;
using Microsoft.Extensions.Configuration;

namespace MediaSync.Functions.Functions;

/// <summary>Points the durable runtime at the same account as the host (<c>AzureWebJobsStorage</c>).</summary>
internal static class DurableStorageSelection
{
    /// <summary>
    /// A connection string (including <c>UseDevelopmentStorage=true</c>, which the Azure SDK clients understand)
    /// goes to the runtime as is; identity-based settings (<c>__blobServiceUri</c>, …, <c>__clientId</c>) use
    /// <see cref="DefaultAzureCredential"/> like the host's own clients.
    /// </summary>
    public static IDurableTaskBuilder UseAppStorage(this IDurableTaskBuilder builder, IConfiguration configuration)
    {
        // Validates the setting (and names it when it is missing or incomplete) the same way the host does.
        StorageConnection connection = StorageConnection.FromConfiguration(configuration);
        if (!connection.UsesIdentity)
        {
            return builder.UseAzureStorage(configuration[FunctionsHostSettings.Storage]!.Trim());
        }

        var options = new DefaultAzureCredentialOptions();
        string? clientId = configuration.GetSection(FunctionsHostSettings.Storage)["clientId"];
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            options.ManagedIdentityClientId = clientId;
        }

        return builder.UseAzureStorage(
            connection.QueueServiceUri!, connection.TableServiceUri!, connection.BlobServiceUri!, new DefaultAzureCredential(options));
    }
}
