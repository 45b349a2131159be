using MediaSync.Hosting.Configuration;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests;

public sealed class ConfigurationErrorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Build_StorageSettingMissing_FailsNamingAzureWebJobsStorage()
    {
        var error = await Assert.ThrowsAsync<FunctionsConfigurationException>(async () =>
            await AppHost.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "" }));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PartitionCountOutOfRange_FailsNamingTheFullSettingPath()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () => await AppHost.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount"] = "0" }));

        Assert.Contains("AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount", error.Message, StringComparison.Ordinal);
    }
}
