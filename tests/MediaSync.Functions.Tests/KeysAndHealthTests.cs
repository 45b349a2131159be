using System.Net;
using System.Text.Json;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests;

/// <summary>One host for the class: these tests only read, and starting a host costs more than the checks.</summary>
public sealed class KeysAndHealthTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private AppHost? host;

    private AppHost Host => host!;

    public async Task InitializeAsync() => host = await AppHost.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789abcdef")]
    public async Task StartDemo_MissingOrWrongKey_Returns401WithoutDetail(string? key)
    {
        using HttpRequestMessage request = Host.Request(HttpMethod.Post, "/api/demo/progress?steps=1&stepMs=0", key);

        using HttpResponseMessage response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("key", body.Replace("x-functions-key", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ManagementApi_FunctionKeyRefused_SystemAndMasterKeysAccepted()
    {
        const string path = "/runtime/webhooks/durabletask/instances";

        using HttpResponseMessage none = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, path, null));
        using HttpResponseMessage function = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, path, AppHost.FunctionKey));
        using HttpResponseMessage system = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, path, AppHost.SystemKey));
        using HttpResponseMessage master = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, $"{path}?code={AppHost.MasterKey}", null));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, function.StatusCode);
        Assert.Equal(HttpStatusCode.OK, system.StatusCode);
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
    }

    [Fact]
    public async Task Health_Anonymous_ReportsStorageAndDurableWithoutSecrets()
    {
        using HttpResponseMessage response = await Host.Client.GetAsync("/api/health");

        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("storage", body, StringComparison.Ordinal);
        Assert.Contains("\"durable\"", body, StringComparison.Ordinal);
        Assert.Contains("reachable", body, StringComparison.Ordinal);
        Assert.Contains("\"partitionCount\":4", body.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"workerId\"", body, StringComparison.Ordinal);
        Assert.Contains("\"ownedPartitions\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AppHost.MasterKey, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardPage_Anonymous_IsSelfContainedHtmlPointingAtTheSummary()
    {
        using HttpResponseMessage response = await Host.Client.GetAsync("/");

        string html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/api/dashboard/summary", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SUMMARY_URL", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal); // no CDN
    }

    [Fact]
    public async Task DashboardSummary_Anonymous_ShowsNoEntitiesYetAsNullSlots()
    {
        using HttpResponseMessage response = await Host.Client.GetAsync("/api/dashboard/summary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement summary = await AppHost.JsonAsync(response);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("slots").ValueKind);
        Assert.Equal(JsonValueKind.Array, summary.GetProperty("orchestrations").ValueKind);
    }
}
