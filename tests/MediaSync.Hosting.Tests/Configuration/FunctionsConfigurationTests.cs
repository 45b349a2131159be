using MediaSync.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace MediaSync.Hosting.Tests.Configuration;

public sealed class FunctionsConfigurationTests
{
    private const string HostJson = """
        {
          // comments are allowed, as in the Functions host
          "version": "2.0",
          "logging": { "logLevel": { "default": "Warning", "MediaSync.Durable": "Error" } },
          "extensions": {
            "http": { "routePrefix": "v1" },
            "durableTask": { "hubName": "SyncHub", "storageProvider": { "partitionCount": 8 }, "maxConcurrentActivityFunctions": 16 },
            "queues": { "batchSize": 32 }
          }
        }
        """;

    [Fact]
    public void AddFunctionsConfiguration_HostJson_MapsUnderAzureFunctionsJobHostAndLogging()
    {
        using var root = TestFunctionsHost.ContentRoot.Create(HostJson, values: null);

        IConfigurationRoot configuration = new ConfigurationBuilder().AddFunctionsConfiguration(root.Path).Build();

        Assert.Equal("SyncHub", configuration[FunctionsHostSettings.DurableTaskSection + ":hubName"]);
        Assert.Equal("8", configuration[FunctionsHostSettings.DurableTaskSection + ":storageProvider:partitionCount"]);
        Assert.Equal("v1", configuration[FunctionsHostSettings.HttpSection + ":routePrefix"]);
        Assert.Equal("32", configuration[FunctionsHostSettings.QueuesSection + ":batchSize"]);
        Assert.Equal("Warning", configuration["Logging:LogLevel:Default"]);
        Assert.Equal("Error", configuration["Logging:LogLevel:MediaSync.Durable"]);
    }

    [Fact]
    public void AddFunctionsConfiguration_LocalSettingsValues_BecomeKeysAndEnvironmentWins()
    {
        string unique = "HostingTest" + Guid.NewGuid().ToString("N");
        var values = new Dictionary<string, string>
        {
            [unique + "_FileOnly"] = "from-file",
            [unique + "_Overridden"] = "from-file",
            [unique + "__Nested__Value"] = "nested",
        };
        using var root = TestFunctionsHost.ContentRoot.Create(HostJson, values);
        Environment.SetEnvironmentVariable(unique + "_Overridden", "from-environment");
        Environment.SetEnvironmentVariable(FunctionsHostSettings.JobHostRoot + "__extensions__" + unique, "env-host");
        try
        {
            IConfigurationRoot configuration = new ConfigurationBuilder().AddFunctionsConfiguration(root.Path).Build();

            Assert.Equal("from-file", configuration[unique + "_FileOnly"]);
            Assert.Equal("from-environment", configuration[unique + "_Overridden"]);
            Assert.Equal("nested", configuration[unique + ":Nested:Value"]);
            Assert.Equal("env-host", configuration[FunctionsHostSettings.JobHostRoot + ":extensions:" + unique]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(unique + "_Overridden", null);
            Environment.SetEnvironmentVariable(FunctionsHostSettings.JobHostRoot + "__extensions__" + unique, null);
        }
    }

    [Fact]
    public void AddFunctionsConfiguration_MalformedHostJson_NamesFileAndLine()
    {
        using var root = TestFunctionsHost.ContentRoot.Create("{\n  \"version\": \"2.0\",\n  \"extensions\": { \"http\": \n}", values: null);

        var error = Assert.Throws<FunctionsConfigurationException>(() => new ConfigurationBuilder().AddFunctionsConfiguration(root.Path));

        Assert.Contains("host.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFunctionsConfiguration_WrongVersion_NamesVersion()
    {
        using var root = TestFunctionsHost.ContentRoot.Create("""{ "version": "1.0" }""", values: null);

        var error = Assert.Throws<FunctionsConfigurationException>(() => new ConfigurationBuilder().AddFunctionsConfiguration(root.Path));

        Assert.Contains("'version' must be \"2.0\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFunctionsConfiguration_NonStringValue_NamesTheValue()
    {
        using var root = TestFunctionsHost.ContentRoot.Create("""{ "version": "2.0" }""", values: null);
        File.WriteAllText(Path.Combine(root.Path, "local.settings.json"), """{ "IsEncrypted": false, "Values": { "BatchSize": 16 } }""");

        var error = Assert.Throws<FunctionsConfigurationException>(() => new ConfigurationBuilder().AddFunctionsConfiguration(root.Path));

        Assert.Contains("'Values:BatchSize' must be a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFunctionsConfiguration_EncryptedLocalSettings_Refused()
    {
        using var root = TestFunctionsHost.ContentRoot.Create("""{ "version": "2.0" }""", values: null);
        File.WriteAllText(Path.Combine(root.Path, "local.settings.json"), """{ "IsEncrypted": true, "Values": {} }""");

        var error = Assert.Throws<FunctionsConfigurationException>(() => new ConfigurationBuilder().AddFunctionsConfiguration(root.Path));

        Assert.Contains("IsEncrypted", error.Message, StringComparison.Ordinal);
    }
}
