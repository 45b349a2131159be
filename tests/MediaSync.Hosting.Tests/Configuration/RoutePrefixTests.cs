using System.Net;
using MediaSync.TestSupport;

namespace MediaSync.Hosting.Tests.Configuration;

public sealed class RoutePrefixTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task HostJsonRoutePrefix_IsHonoured()
    {
        await using TestFunctionsHost host = await TestFunctionsHost.StartAsync(
            f => f.AddHttp("Open", AuthLevel.Anonymous, "GET", "open", () => "open"),
            TestFunctionsHost.BaseValues(azurite.ConnectionString),
            TestFunctionsHost.DefaultHostJson(routePrefix: "v1"));

        using HttpResponseMessage prefixed = await host.Client.GetAsync("/v1/open");
        using HttpResponseMessage health = await host.Client.GetAsync("/v1/health");
        using HttpResponseMessage defaultPrefix = await host.Client.GetAsync("/api/open");

        Assert.Equal(HttpStatusCode.OK, prefixed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, defaultPrefix.StatusCode);
    }

    [Fact]
    public async Task EmptyRoutePrefix_MapsAtRoot()
    {
        await using TestFunctionsHost host = await TestFunctionsHost.StartAsync(
            f => f.AddHttp("Open", AuthLevel.Anonymous, "GET", "open", () => "open"),
            TestFunctionsHost.BaseValues(azurite.ConnectionString),
            TestFunctionsHost.DefaultHostJson(routePrefix: string.Empty));

        using HttpResponseMessage response = await host.Client.GetAsync("/open");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
