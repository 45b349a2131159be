using System.Net;

namespace MediaSync.Hosting.Tests.Http;

public sealed class FunctionKeyTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    [Fact]
    public async Task FunctionRoute_WithoutKey_Returns401WithoutDetail()
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync("/api/items/42");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("key", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FunctionRoute_WithWrongKey_Returns401()
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, "/api/items/42", "not-the-right-key-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FunctionRoute_WithItsFunctionKey_Returns200()
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, "/api/items/42", HttpHostFixture.EchoKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"id\":\"42\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionRoute_WithHostKey_Returns200()
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, "/api/Other", HttpHostFixture.HostKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task FunctionRoute_WithAnotherFunctionsKey_Returns401()
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, "/api/Other", HttpHostFixture.EchoKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminRoute_WithFunctionOrHostKey_Returns401()
    {
        using HttpResponseMessage withFunctionKey = await SendAsync(HttpMethod.Post, "/api/admin/op", HttpHostFixture.EchoKey);
        using HttpResponseMessage withHostKey = await SendAsync(HttpMethod.Post, "/api/admin/op", HttpHostFixture.HostKey);

        Assert.Equal(HttpStatusCode.Unauthorized, withFunctionKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withHostKey.StatusCode);
    }

    [Fact]
    public async Task AdminRoute_WithMasterKey_Returns200()
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, "/api/admin/op", TestFunctionsHost.MasterKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task FunctionRoute_WithMasterKey_Returns200()
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, "/api/items/7", TestFunctionsHost.MasterKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task FunctionRoute_WithKeyInCodeQuery_Returns200()
    {
        using HttpResponseMessage ok = await fixture.Client.GetAsync($"/api/items/42?code={Uri.EscapeDataString(HttpHostFixture.EchoKey)}");
        using HttpResponseMessage wrong = await fixture.Client.GetAsync("/api/items/42?code=wrong-key-0123456789abc");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task AnonymousRoute_WithoutKey_Returns200()
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync("/api/open");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("open", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", key);
        return await fixture.Client.SendAsync(request);
    }
}
