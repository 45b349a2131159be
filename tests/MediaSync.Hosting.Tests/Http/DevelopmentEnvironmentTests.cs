using System.Net;
using MediaSync.TestSupport;

namespace MediaSync.Hosting.Tests.Http;

public sealed class DevelopmentEnvironmentTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task UnhandledException_InDevelopment_StillHidesStack()
    {
        await using TestFunctionsHost host = await TestFunctionsHost.StartAsync(
            f => f.AddHttp("Boom", AuthLevel.Anonymous, "GET", "boom", string () => throw new InvalidOperationException("secret-detail")),
            TestFunctionsHost.BaseValues(azurite.ConnectionString),
            environment: "Development");

        using HttpResponseMessage response = await host.Client.GetAsync("/api/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("DevelopmentEnvironmentTests", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisableKeyChecks_InDevelopment_LetsKeyedRoutesThrough()
    {
        var values = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Host__DisableKeyChecks"] = "true",
        };
        await using TestFunctionsHost host = await TestFunctionsHost.StartAsync(
            f => f.AddHttp("Secure", AuthLevel.Admin, "GET", "secure", () => "ok"),
            values,
            environment: "Development");

        using HttpResponseMessage response = await host.Client.GetAsync("/api/secure");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
