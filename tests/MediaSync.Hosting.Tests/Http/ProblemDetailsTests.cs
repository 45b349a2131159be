using System.Net;
using System.Text.Json;

namespace MediaSync.Hosting.Tests.Http;

public sealed class ProblemDetailsTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    [Fact]
    public async Task UnknownApiRoute_Returns404ProblemJson()
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync("/api/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task DisabledFunction_IsNotMapped()
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync("/api/disabled");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UnhandledException_Returns500ProblemWithoutStackOrMessage()
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync("/api/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        using JsonDocument problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_IsProblemJsonWithoutDetail()
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync("/api/Other");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(problem.RootElement.TryGetProperty("detail", out _));
    }
}
