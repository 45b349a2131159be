using System.Text.Json;
using MediaSync.Functions;
using MediaSync.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Tests;

/// <summary>
/// The real app (MediaSyncApp.Build, the repository's host.json) on 127.0.0.1:0 over Azurite, with its own task hub
/// and keys set through configuration, in a temporary content root.
/// </summary>
internal sealed class AppHost : IAsyncDisposable
{
    public const string MasterKey = "test-master-key-0123456789";
    public const string FunctionKey = "test-function-key-0123456789";
    public const string SystemKey = "test-system-key-0123456789";

    private readonly string contentRoot;

    private AppHost(WebApplication app, string contentRoot, Uri baseAddress)
    {
        App = app;
        this.contentRoot = contentRoot;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<AppHost> StartAsync(string connectionString, IDictionary<string, string?>? overrides = null)
    {
        string root = CreateContentRoot();
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Host:MasterKey"] = MasterKey,
            ["Host:Keys:Default"] = FunctionKey,
            ["Host:SystemKeys:durabletask_extension"] = SystemKey,
            ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = UniqueNames.TaskHub("fn"),
            // Faster than host.json's one second so a test waits on work, not on polling.
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        WebApplication app = MediaSyncApp.Build([$"--contentRoot={root}"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
        });
        try
        {
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new AppHost(app, root, new Uri(address));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A content root holding the repository's host.json (and no local.settings.json: keys come from the test).</summary>
    public static string CreateContentRoot()
    {
        string root = Path.Combine(Path.GetTempPath(), "mediasync-functions-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(RepositoryRoot.Find(), "host.json"), Path.Combine(root, "host.json"));
        return root;
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return request;
    }

    public async Task<HttpResponseMessage> StartDemoAsync(int steps, int stepMs, int parallelism = 2)
    {
        using HttpRequestMessage request = Request(HttpMethod.Post, $"/api/demo/progress?steps={steps}&stepMs={stepMs}&parallelism={parallelism}", FunctionKey);
        return await Client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind harms nothing.
        }
    }
}
