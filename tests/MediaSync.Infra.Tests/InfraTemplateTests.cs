using System.Text.Json;

namespace MediaSync.Infra.Tests;

/// <summary>
/// infra/main.bicep compiled by the Bicep CLI (types of every Azure resource checked offline, linter on), and the
/// ARM template it produces read for what the host needs: identity-based storage with the three data roles, no account
/// keys, the settings the host reads, always on.
/// </summary>
public sealed class InfraTemplateTests
{
    private static readonly Dictionary<string, string> Keys = new()
    {
        ["MEDIASYNC_MASTER_KEY"] = "master-key-0123456789abcdef",
        ["MEDIASYNC_FUNCTION_KEY"] = "function-key-0123456789abcdef",
        ["MEDIASYNC_SYSTEM_KEY"] = "system-key-0123456789abcdef",
    };

    [Fact]
    public async Task MainTemplate_Builds_WithoutALinterWarning()
    {
        (int exitCode, string output, string errors) = await BicepCli.RunAsync(null, "build", "infra/main.bicep", "--stdout");

        Assert.True(exitCode == 0, $"bicep build failed: {errors}");
        Assert.True(string.IsNullOrWhiteSpace(errors), $"bicep build reported: {errors}");
        using JsonDocument template = JsonDocument.Parse(output);
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", template.RootElement.GetProperty("$schema").GetString());
    }

    [Fact]
    public async Task Template_GivesTheHostIdentityBasedStorage_AndTheSettingsItReads()
    {
        using JsonDocument template = await BuildAsync();
        JsonElement resources = template.RootElement.GetProperty("resources");

        JsonElement storage = Resource(resources, "Microsoft.Storage/storageAccounts");
        Assert.False(storage.GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(storage.GetProperty("properties").GetProperty("allowBlobPublicAccess").GetBoolean());

        // Blob, queue and table data contributors, each assigned to the host's identity on the account.
        string roles = template.RootElement.GetProperty("variables").GetProperty("roles").GetRawText();
        foreach (string role in new[] { "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3" })
        {
            Assert.Contains(role, roles, StringComparison.Ordinal);
        }

        JsonElement assignments = Resource(resources, "Microsoft.Authorization/roleAssignments");
        Assert.Equal("[length(items(variables('roles')))]", assignments.GetProperty("copy").GetProperty("count").GetString());
        Assert.Contains("variables('roles')", assignments.GetProperty("properties").GetProperty("roleDefinitionId").GetString(), StringComparison.Ordinal);

        JsonElement siteConfig = Resource(resources, "Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig");
        Assert.Equal("DOTNETCORE|10.0", siteConfig.GetProperty("linuxFxVersion").GetString());
        Assert.True(siteConfig.GetProperty("alwaysOn").GetBoolean(), "the durable dispatchers and timers need the host always on");
        Assert.Equal("/api/health", siteConfig.GetProperty("healthCheckPath").GetString());

        // The settings MediaSync.Hosting reads: StorageConnection's identity-based endpoints, and the keys.
        string settings = Resource(resources, "Microsoft.Web/sites/config").GetProperty("properties").GetRawText();
        foreach (string name in new[]
        {
            "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
            "AzureWebJobsStorage__clientId", "Host__MasterKey", "Host__Keys__Default", "Host__SystemKeys__durabletask_extension",
        })
        {
            Assert.Contains($"'{name}'", settings, StringComparison.Ordinal); // createObject('name', value, ...)
        }

        Assert.DoesNotContain("AccountKey", template.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_TakeTheKeysFromTheEnvironment_AndRefuseShortOnes()
    {
        (int exitCode, string output, string errors) = await BicepCli.RunAsync(Keys, "build-params", "infra/main.bicepparam", "--stdout");
        Assert.True(exitCode == 0, $"bicep build-params failed: {errors}");
        using JsonDocument built = JsonDocument.Parse(output);
        using JsonDocument parameters = JsonDocument.Parse(built.RootElement.GetProperty("parametersJson").GetString()!);
        Assert.Equal(Keys["MEDIASYNC_MASTER_KEY"], parameters.RootElement.GetProperty("parameters").GetProperty("masterKey").GetProperty("value").GetString());

        var shortKey = new Dictionary<string, string>(Keys) { ["MEDIASYNC_FUNCTION_KEY"] = "too-short" };
        (int refused, _, string why) = await BicepCli.RunAsync(shortKey, "build-params", "infra/main.bicepparam", "--stdout");
        Assert.NotEqual(0, refused);
        Assert.Contains("BCP333", why, StringComparison.Ordinal); // the value is shorter than the parameter's minimum length
    }

    private static async Task<JsonDocument> BuildAsync()
    {
        (int exitCode, string output, string errors) = await BicepCli.RunAsync(null, "build", "infra/main.bicep", "--stdout");
        Assert.True(exitCode == 0, $"bicep build failed: {errors}");
        return JsonDocument.Parse(output);
    }

    private static JsonElement Resource(JsonElement resources, string type)
    {
        // languageVersion 1.0 templates list resources in an array; 2.0 ones in an object keyed by symbolic name.
        IEnumerable<JsonElement> all = resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray()
            : resources.EnumerateObject().Select(p => p.Value);
        return all.Single(r => r.GetProperty("type").GetString() == type);
    }
}
