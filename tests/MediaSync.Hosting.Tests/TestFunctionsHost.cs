using System.Net;
using System.Text.Json;
using MediaSync.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaSync.Hosting.Tests;

/// <summary>A real host on 127.0.0.1:0 over a temporary content root holding host.json and local.settings.json.</summary>
internal sealed class TestFunctionsHost : IAsyncDisposable
{
    public const string MasterKey = "master-key-0123456789abcdef";

    private readonly ContentRoot root;

    private TestFunctionsHost(WebApplication app, ContentRoot root, Uri baseAddress)
    {
        App = app;
        this.root = root;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <summary>The default host.json: version 2.0, fast timer lock recovery for tests.</summary>
    public static object DefaultHostJson(string routePrefix = "api") => new
    {
        version = "2.0",
        extensions = new { http = new { routePrefix } },
        singleton = new { listenerLockPeriod = "00:00:15", listenerLockRecoveryPollingInterval = "00:00:00.500" },
    };

    /// <summary>Settings every test host needs: storage and a master key.</summary>
    public static Dictionary<string, string> BaseValues(string connectionString) => new()
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["Host__MasterKey"] = MasterKey,
    };

    public static async Task<TestFunctionsHost> StartAsync(
        Action<FunctionsBuilder> functions,
        IDictionary<string, string> values,
        object? hostJson = null,
        string environment = "Production",
        Action<IServiceCollection>? services = null,
        ILoggerProvider? logs = null)
    {
        var root = ContentRoot.Create(JsonSerializer.Serialize(hostJson ?? DefaultHostJson()), values);
        try
        {
            WebApplication app = Build(root.Path, functions, environment, services, logs);
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new TestFunctionsHost(app, root, new Uri(address));
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>Builds, maps and starts a host, returning the start-up failure (the tests of configuration errors).</summary>
    public static async Task<Exception> StartupFailureAsync(Action<FunctionsBuilder> functions, IDictionary<string, string> values, string hostJson)
    {
        using var root = ContentRoot.Create(hostJson, values);
        try
        {
            WebApplication app = Build(root.Path, functions, "Production");
            await using (app)
            {
                await app.StartAsync();
                await app.StopAsync();
            }
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new Xunit.Sdk.XunitException("The host started although its configuration is invalid.");
    }

    public Task StopAsync() => App.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        root.Dispose();
    }

    private static WebApplication Build(
        string contentRoot, Action<FunctionsBuilder> functions, string environment, Action<IServiceCollection>? services = null, ILoggerProvider? logs = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = contentRoot,
            EnvironmentName = environment,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
        }
        builder.AddFunctionsHost(functions);
        services?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.MapFunctions();
        return app;
    }

    /// <summary>A temporary folder with host.json and local.settings.json.</summary>
    internal sealed class ContentRoot : IDisposable
    {
        private ContentRoot(string path) => Path = path;

        public string Path { get; }

        public static ContentRoot Create(string hostJson, IDictionary<string, string>? values)
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mediasync-hosting-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            File.WriteAllText(System.IO.Path.Combine(path, "host.json"), hostJson);
            if (values is not null)
            {
                File.WriteAllText(
                    System.IO.Path.Combine(path, "local.settings.json"),
                    JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));
            }

            return new ContentRoot(path);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind harms nothing.
            }
        }
    }
}
