using MediaSync.Hosting.Configuration;
using MediaSync.TestSupport;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Hosting.Tests.Configuration;

public sealed class StartupValidationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ValidHostJson = """{ "version": "2.0" }""";

    [Fact]
    public async Task Start_MissingStorageSetting_NamesAzureWebJobsStorage()
    {
        var values = new Dictionary<string, string> { ["Host__MasterKey"] = TestFunctionsHost.MasterKey };

        Exception error = await TestFunctionsHost.StartupFailureAsync(_ => { }, values, ValidHostJson);

        Assert.Contains("'AzureWebJobsStorage' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FiveFieldCron_NamesFunctionAndAsksForSixFields()
    {
        Exception error = await TestFunctionsHost.StartupFailureAsync(
            f => f.AddTimer("Nightly", "0 3 * * *", (_, _, _) => Task.CompletedTask),
            TestFunctionsHost.BaseValues(azurite.ConnectionString),
            ValidHostJson);

        Assert.Contains("'Nightly'", error.Message, StringComparison.Ordinal);
        Assert.Contains("six are required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidCron_NamesFunctionAndSetting()
    {
        Dictionary<string, string> values = TestFunctionsHost.BaseValues(azurite.ConnectionString);
        values["NightlySchedule"] = "0 0 25 * * *";

        Exception error = await TestFunctionsHost.StartupFailureAsync(
            f => f.AddTimer("Nightly", "%NightlySchedule%", (_, _, _) => Task.CompletedTask),
            values,
            ValidHostJson);

        Assert.Contains("'Nightly'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'NightlySchedule'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid NCrontab expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MissingScheduleSetting_NamesSetting()
    {
        Exception error = await TestFunctionsHost.StartupFailureAsync(
            f => f.AddTimer("Nightly", "%NoSuchSchedule%", (_, _, _) => Task.CompletedTask),
            TestFunctionsHost.BaseValues(azurite.ConnectionString),
            ValidHostJson);

        Assert.Contains("set 'NoSuchSchedule'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MalformedHostJson_NamesFile()
    {
        Exception error = await TestFunctionsHost.StartupFailureAsync(_ => { }, TestFunctionsHost.BaseValues(azurite.ConnectionString), "{ \"version\": ");

        Assert.IsType<FunctionsConfigurationException>(error);
        Assert.Contains("host.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidDurableSettings_NamesHostJsonPath()
    {
        const string hostJson = """
            { "version": "2.0", "extensions": { "durableTask": { "hubName": "1bad-hub", "storageProvider": { "partitionCount": 20 } } } }
            """;

        Exception error = await TestFunctionsHost.StartupFailureAsync(_ => { }, TestFunctionsHost.BaseValues(azurite.ConnectionString), hostJson);

        Assert.Contains("AzureFunctionsJobHost:extensions:durableTask:hubName", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_KeyedFunctionWithoutMasterKey_NamesMasterKeySetting()
    {
        var values = new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString };

        Exception error = await TestFunctionsHost.StartupFailureAsync(
            f => f.AddHttp("Secure", AuthLevel.Function, "GET", null, () => Results.Ok()),
            values,
            ValidHostJson);

        Assert.Contains(FunctionsHostSettings.MasterKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ShortKey_NamesSettingWithoutValue()
    {
        Dictionary<string, string> values = TestFunctionsHost.BaseValues(azurite.ConnectionString);
        values["Host__Keys__Default"] = "tiny-secret";

        Exception error = await TestFunctionsHost.StartupFailureAsync(_ => { }, values, ValidHostJson);

        Assert.Contains("Host:Keys:Default", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DisableKeyChecksOutsideDevelopment_Refused()
    {
        Dictionary<string, string> values = TestFunctionsHost.BaseValues(azurite.ConnectionString);
        values["Host__DisableKeyChecks"] = "true";

        Exception error = await TestFunctionsHost.StartupFailureAsync(_ => { }, values, ValidHostJson);

        Assert.Contains(FunctionsHostSettings.DisableKeyChecks, error.Message, StringComparison.Ordinal);
    }
}
