using System.Net;
using System.Text.Json;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests.Sync;

public sealed class CatalogBrowsingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Items_Categories_Episodes_PageWithContinuationTokens_AndRefuseBadInput()
    {
        await using SyncTestHost host = await SyncTestHost.StartAsync(azurite, SyncTestHost.SmallCatalog());
        await host.SyncAsync();
        CatalogSnapshot expected = host.Expected();

        List<JsonElement> movies = await ReadAllAsync(host, $"/api/catalog/{SyncTestHost.SourceId}/vod?pageSize=30");
        List<JsonElement> categories = await ReadAllAsync(host, $"/api/catalog/{SyncTestHost.SourceId}/categories?pageSize=4");
        string seriesId = expected.Series[0];
        List<JsonElement> episodes = await ReadAllAsync(host, $"/api/catalog/{SyncTestHost.SourceId}/series/{seriesId}/episodes?pageSize=5");

        Assert.Equal(expected.Vod.Order(StringComparer.Ordinal), movies.Select(m => m.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(movies, m => Assert.False(string.IsNullOrEmpty(m.GetProperty("name").GetString())));
        Assert.Equal(expected.Categories.Count, categories.Count);
        Assert.Equal(expected.Episodes.Count(e => e.StartsWith(seriesId + "/", StringComparison.Ordinal)), episodes.Count);
        Assert.All(episodes, e => Assert.Equal(seriesId, e.GetProperty("seriesId").GetString()));

        Assert.Equal(HttpStatusCode.BadRequest, await StatusOfAsync(host, $"/api/catalog/{SyncTestHost.SourceId}/vod?continuationToken=forged"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOfAsync(host, $"/api/catalog/{SyncTestHost.SourceId}/vod?pageSize=0"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(host, "/api/catalog/nosuchsource/vod"));
        using HttpRequestMessage noKey = host.App.Request(HttpMethod.Get, $"/api/catalog/{SyncTestHost.SourceId}/vod", key: null);
        using HttpResponseMessage refused = await host.App.Client.SendAsync(noKey);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task<List<JsonElement>> ReadAllAsync(SyncTestHost host, string firstPage)
    {
        var rows = new List<JsonElement>();
        string? token = null;
        int pages = 0;
        do
        {
            string url = token is null ? firstPage : $"{firstPage}&continuationToken={Uri.EscapeDataString(token)}";
            using HttpRequestMessage request = host.App.Request(HttpMethod.Get, url, AppHost.FunctionKey);
            using HttpResponseMessage response = await host.App.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement page = await AppHost.JsonAsync(response);
            rows.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.TryGetProperty("continuationToken", out JsonElement next) ? next.GetString() : null;
            Assert.Equal(token, response.Headers.TryGetValues("x-ms-continuation-token", out var header) ? header.Single() : null);
            Assert.True(++pages < 100, "paging does not end");
        }
        while (token is not null);
        return rows;
    }

    private static async Task<HttpStatusCode> StatusOfAsync(SyncTestHost host, string url)
    {
        using HttpRequestMessage request = host.App.Request(HttpMethod.Get, url, AppHost.FunctionKey);
        using HttpResponseMessage response = await host.App.Client.SendAsync(request);
        return response.StatusCode;
    }
}
