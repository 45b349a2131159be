using MediaSync.TestSupport;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Hosting.Tests.Http;

/// <summary>One host shared by the HTTP tests: functions at every level, a host key and a per-function key.</summary>
public sealed class HttpHostFixture : IAsyncLifetime
{
    public const string HostKey = "host-default-key-0123456789";
    public const string EchoKey = "echo-function-key-0123456789";
    public const string SecretInException = "password=hunter2-in-exception";

    private TestFunctionsHost? host;

    public HttpClient Client => host!.Client;

    public async Task InitializeAsync()
    {
        AzuriteServer azurite = await AzuriteServer.GetSharedAsync();
        Dictionary<string, string> values = TestFunctionsHost.BaseValues(azurite.ConnectionString);
        values["Host__Keys__Default"] = HostKey;
        values["Functions__Echo__Keys__default"] = EchoKey;
        values["AzureWebJobs.Disabled.Disabled"] = "true";
        host = await TestFunctionsHost.StartAsync(
            functions => functions
                .AddHttp("Echo", AuthLevel.Function, "GET", "items/{id}", (string id) => Results.Ok(new { id }))
                .AddHttp("Other", AuthLevel.Function, "GET", null, () => Results.Ok("other"))
                .AddHttp("AdminOp", AuthLevel.Admin, "POST", "admin/op", () => Results.Ok("admin"))
                .AddHttp("Open", AuthLevel.Anonymous, "GET", "open", () => "open")
                .AddHttp("Boom", AuthLevel.Anonymous, "GET", "boom", string () => throw new InvalidOperationException(SecretInException))
                .AddHttp("Disabled", AuthLevel.Anonymous, "GET", "disabled", () => "should not be mapped"),
            values);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
