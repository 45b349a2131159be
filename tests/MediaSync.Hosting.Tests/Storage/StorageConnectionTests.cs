using MediaSync.Hosting.Configuration;
using MediaSync.Hosting.Storage;
using Microsoft.Extensions.Configuration;

namespace MediaSync.Hosting.Tests.Storage;

public sealed class StorageConnectionTests
{
    [Fact]
    public void FromConfiguration_DevelopmentStorage_UsesAzuriteDefaultPorts()
    {
        StorageConnection sut = Create(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.False(sut.UsesIdentity);
        Assert.Equal(10000, sut.CreateBlobServiceClient().Uri.Port);
        Assert.Equal(10001, sut.CreateQueueServiceClient().Uri.Port);
        Assert.Equal(10002, sut.CreateTableServiceClient().Uri.Port);
        Assert.Equal("devstoreaccount1", sut.CreateBlobServiceClient().AccountName);
    }

    [Fact]
    public void FromConfiguration_ServiceUris_UsesIdentity()
    {
        StorageConnection sut = Create(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://acct.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://acct.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://acct.table.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.True(sut.UsesIdentity);
        Assert.Equal("acct.queue.core.windows.net", sut.CreateQueueServiceClient().Uri.Host);
        Assert.Equal("acct.table.core.windows.net", sut.CreateTableServiceClient().Uri.Host);
    }

    [Fact]
    public void FromConfiguration_AccountName_DerivesAllEndpoints()
    {
        StorageConnection sut = Create(new() { ["AzureWebJobsStorage:accountName"] = "acct" });

        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), sut.BlobServiceUri);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), sut.QueueServiceUri);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), sut.TableServiceUri);
    }

    [Fact]
    public void FromConfiguration_Missing_NamesSetting()
    {
        var error = Assert.Throws<FunctionsConfigurationException>(() => Create(new()));

        Assert.Contains("'AzureWebJobsStorage' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_IncompleteUris_NamesMissingSettings()
    {
        var error = Assert.Throws<FunctionsConfigurationException>(() => Create(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://acct.blob.core.windows.net",
        }));

        Assert.Contains("'AzureWebJobsStorage__queueServiceUri'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'AzureWebJobsStorage__tableServiceUri'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_BadUri_NamesSetting()
    {
        var error = Assert.Throws<FunctionsConfigurationException>(() => Create(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "not a uri",
            ["AzureWebJobsStorage:accountName"] = "acct",
        }));

        Assert.Contains("'AzureWebJobsStorage__blobServiceUri'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_MalformedConnectionString_NamesSettingWithoutSecret()
    {
        const string secret = "c2VjcmV0LWtleQ==";

        var error = Assert.Throws<FunctionsConfigurationException>(() => Create(new()
        {
            ["AzureWebJobsStorage"] = $"AccountKey={secret};NoAccountName=here",
        }));

        Assert.Contains("'AzureWebJobsStorage'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void FromConfiguration_OtherSettingName_IsRead()
    {
        StorageConnection sut = Create(new() { ["CatalogStorage"] = "UseDevelopmentStorage=true" }, "CatalogStorage");

        Assert.Equal("CatalogStorage", sut.SettingName);
        Assert.DoesNotContain("Eby8", sut.ToString(), StringComparison.Ordinal);
    }

    private static StorageConnection Create(Dictionary<string, string?> settings, string name = FunctionsHostSettings.Storage) =>
        StorageConnection.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), name);
}
