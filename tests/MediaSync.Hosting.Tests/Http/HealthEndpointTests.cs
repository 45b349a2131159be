using System.Net;
using System.Text.Json;

namespace MediaSync.Hosting.Tests.Http;

public sealed class HealthEndpointTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    [Fact]
    public async Task Health_Anonymous_ReportsStorageReachable()
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(health.RootElement.GetProperty("version").GetString()));
        JsonElement storage = health.RootElement.GetProperty("checks").GetProperty("storage");
        Assert.True(storage.GetProperty("healthy").GetBoolean());
        foreach (string service in new[] { "blob", "queue", "table" })
        {
            Assert.Equal("ok", storage.GetProperty("data").GetProperty(service).GetString());
        }
    }
}
