using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MediaSync.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace MediaSync.Hosting.Storage;

/// <summary>
/// The storage account named by a Functions connection setting (<c>AzureWebJobsStorage</c> by default): a
/// connection string, <c>UseDevelopmentStorage=true</c> (Azurite on 127.0.0.1:10000-10002), or identity-based
/// endpoint settings (<c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c> or
/// <c>__accountName</c>, with <c>__clientId</c> for a user-assigned identity) authenticated by
/// <see cref="DefaultAzureCredential"/>. Creates the service clients; register them once per process.
/// </summary>
public sealed class StorageConnection
{
    // The published Azurite account key: public, documented, accepted only by the emulator.
    private const string DevelopmentStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;" +
        "QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private readonly string? connectionString;
    private readonly TokenCredential? credential;

    private StorageConnection(string settingName, string connectionString)
    {
        SettingName = settingName;
        this.connectionString = connectionString;
    }

    private StorageConnection(string settingName, Uri blob, Uri queue, Uri table, TokenCredential credential)
    {
        SettingName = settingName;
        BlobServiceUri = blob;
        QueueServiceUri = queue;
        TableServiceUri = table;
        this.credential = credential;
    }

    /// <summary>Gets the setting this connection was read from.</summary>
    public string SettingName { get; }

    /// <summary>Gets a value indicating whether the connection authenticates with an Azure identity instead of a key.</summary>
    public bool UsesIdentity => credential is not null;

    /// <summary>Gets the blob endpoint of an identity-based connection; null for a connection string.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>Gets the queue endpoint of an identity-based connection; null for a connection string.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>Gets the table endpoint of an identity-based connection; null for a connection string.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>
    /// Reads a connection setting. Throws <see cref="FunctionsConfigurationException"/> naming the setting when
    /// it is missing or malformed; the message never repeats the value (it may hold an account key).
    /// </summary>
    /// <param name="configuration">The app configuration.</param>
    /// <param name="settingName">The connection setting; <c>AzureWebJobsStorage</c> by default.</param>
    /// <returns>The connection.</returns>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string settingName = FunctionsHostSettings.Storage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(settingName);

        string? value = configuration[settingName];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return FromConnectionString(settingName, value.Trim());
        }

        IConfigurationSection section = configuration.GetSection(settingName);
        string? accountName = section["accountName"];
        Uri? blob = EndpointSetting(section, settingName, "blobServiceUri", accountName, "blob");
        Uri? queue = EndpointSetting(section, settingName, "queueServiceUri", accountName, "queue");
        Uri? table = EndpointSetting(section, settingName, "tableServiceUri", accountName, "table");
        if (blob is null && queue is null && table is null)
        {
            throw new FunctionsConfigurationException(
                $"The storage setting '{settingName}' is missing. Set it to a connection string or 'UseDevelopmentStorage=true', " +
                $"or set '{settingName}__blobServiceUri', '{settingName}__queueServiceUri' and '{settingName}__tableServiceUri' " +
                $"(or '{settingName}__accountName') for an identity-based connection.");
        }

        string missing = string.Join(", ", new[] { ("blobServiceUri", blob), ("queueServiceUri", queue), ("tableServiceUri", table) }
            .Where(e => e.Item2 is null)
            .Select(e => $"'{settingName}__{e.Item1}'"));
        if (missing.Length > 0)
        {
            throw new FunctionsConfigurationException(
                $"The identity-based storage setting '{settingName}' is incomplete: set {missing} or '{settingName}__accountName'.");
        }

        var options = new DefaultAzureCredentialOptions();
        string? clientId = section["clientId"];
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            options.ManagedIdentityClientId = clientId;
        }

        return new StorageConnection(settingName, blob!, queue!, table!, new DefaultAzureCredential(options));
    }

    /// <summary>Creates the account's blob service client (create one per process and share it).</summary>
    /// <param name="options">Client options (retry tuning); null for the SDK defaults.</param>
    /// <returns>A new client.</returns>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        credential is null ? new BlobServiceClient(connectionString, options) : new BlobServiceClient(BlobServiceUri, credential, options);

    /// <summary>Creates the account's queue service client (create one per process and share it).</summary>
    /// <param name="options">Client options (message encoding, retry tuning); null for the SDK defaults.</param>
    /// <returns>A new client.</returns>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        credential is null ? new QueueServiceClient(connectionString, options) : new QueueServiceClient(QueueServiceUri, credential, options);

    /// <summary>Creates the account's table service client (create one per process and share it).</summary>
    /// <param name="options">Client options (retry tuning); null for the SDK defaults.</param>
    /// <returns>A new client.</returns>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) =>
        credential is null ? new TableServiceClient(connectionString, options) : new TableServiceClient(TableServiceUri, credential, options);

    /// <summary>Describes the connection without any secret.</summary>
    /// <returns>The setting name and the kind of connection.</returns>
    public override string ToString() =>
        UsesIdentity ? $"{SettingName} (identity, {BlobServiceUri?.Host})" : $"{SettingName} (connection string)";

    private static StorageConnection FromConnectionString(string settingName, string value)
    {
        if (value.Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase) ||
            value.Equals("UseDevelopmentStorage=true;", StringComparison.OrdinalIgnoreCase))
        {
            return new StorageConnection(settingName, DevelopmentStorage);
        }

        try
        {
            // The clients parse lazily per service; parse all three now so a typo fails at start-up.
            _ = new BlobServiceClient(value);
            _ = new QueueServiceClient(value);
            _ = new TableServiceClient(value);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // The inner exception is dropped on purpose: the SDK's message may quote the account key.
            throw new FunctionsConfigurationException(
                $"The storage setting '{settingName}' is not a valid Azure Storage connection string " +
                "(expected AccountName=...;AccountKey=... with endpoints, or UseDevelopmentStorage=true).");
        }

        return new StorageConnection(settingName, value);
    }

    private static Uri? EndpointSetting(IConfigurationSection section, string settingName, string key, string? accountName, string service)
    {
        string? text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.IsNullOrWhiteSpace(accountName)
                ? null
                : new Uri($"https://{accountName.Trim()}.{service}.core.windows.net");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new FunctionsConfigurationException($"The storage setting '{settingName}__{key}' must be an absolute http(s) URI.");
        }

        return uri;
    }
}
