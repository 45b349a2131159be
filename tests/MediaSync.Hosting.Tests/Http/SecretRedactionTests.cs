using System.Net;
using MediaSync.TestSupport;

namespace MediaSync.Hosting.Tests.Http;

public sealed class SecretRedactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task KeysInQueryOrHeader_NeverReachTheLogs_EvenAtTrace()
    {
        var logs = new CollectingLoggerProvider();
        await using (TestFunctionsHost host = await TestFunctionsHost.StartAsync(
            f => f
                .AddHttp("Secure", AuthLevel.Function, "GET", "secure", () => "ok")
                .AddHttp("Boom", AuthLevel.Function, "GET", "boom", string () => throw new InvalidOperationException("boom")),
            TestFunctionsHost.BaseValues(azurite.ConnectionString),
            logs: logs))
        {
            using HttpResponseMessage query = await host.Client.GetAsync($"/api/secure?code={TestFunctionsHost.MasterKey}");
            using HttpResponseMessage failing = await host.Client.GetAsync($"/api/boom?code={TestFunctionsHost.MasterKey}");
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/secure");
            request.Headers.Add("x-functions-key", TestFunctionsHost.MasterKey);
            using HttpResponseMessage header = await host.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, query.StatusCode);
            Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
            Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        }

        Assert.Contains(logs.Lines, l => l.Contains("Unhandled exception in GET /api/boom", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(TestFunctionsHost.MasterKey, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("AccountKey=", StringComparison.Ordinal));
    }
}
