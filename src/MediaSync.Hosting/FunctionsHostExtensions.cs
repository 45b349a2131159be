using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MediaSync.Durable;
using MediaSync.Hosting.Configuration;
using MediaSync.Hosting.Durable;
using MediaSync.Hosting.Health;
using MediaSync.Hosting.Http;
using MediaSync.Hosting.Storage;
using MediaSync.Hosting.Timers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Hosting;

/// <summary>
/// Entry points of the Functions-convention host:
/// <code>
/// var builder = WebApplication.CreateBuilder(args);
/// builder.AddFunctionsHost(functions => functions
///     .AddHttp("StartSync", AuthLevel.Function, "POST", "sync/{source}", StartSync.RunAsync)
///     .AddTimer("NightlySync", "%NightlySyncSchedule%", NightlySync.RunAsync));
/// var app = builder.Build();
/// app.MapFunctions();
/// await app.RunAsync();
/// </code>
/// </summary>
public static class FunctionsHostExtensions
{
    /// <summary>
    /// Reads host.json and local.settings.json from the content root (environment variables win), registers the
    /// declared functions, the storage clients (one per service, from <c>AzureWebJobsStorage</c>), key checks,
    /// problem details, the health endpoint and the timer scheduler, and validates all of it when the host starts.
    /// </summary>
    /// <param name="builder">The web application builder.</param>
    /// <param name="configure">Declares every function of the app.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="FunctionsConfigurationException">host.json or local.settings.json is malformed.</exception>
    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder, Action<FunctionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        builder.Configuration.AddFunctionsConfiguration(builder.Environment.ContentRootPath);

        // ASP.NET Core's "Request starting" line includes the query string, where ?code= keys travel.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        var functions = new FunctionsBuilder();
        configure(functions);

        IServiceCollection services = builder.Services;
        services.AddSingleton(functions);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();

        AddSection<HttpHostOptions>(services, FunctionsHostSettings.HttpSection);
        AddSection<DurableTaskHostOptions>(services, FunctionsHostSettings.DurableTaskSection);
        AddSection<QueuesHostOptions>(services, FunctionsHostSettings.QueuesSection);
        AddSection<SingletonHostOptions>(services, FunctionsHostSettings.SingletonSection);

        string applicationName = builder.Environment.ApplicationName;
        bool isDevelopment = builder.Environment.IsDevelopment();
        services.AddSingleton(sp => new FunctionKeyPolicy(
            bool.TryParse(sp.GetRequiredService<IConfiguration>()[FunctionsHostSettings.DisableKeyChecks], out bool off) && off));
        services.AddOptions<FunctionsHostOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.HostId = configuration[FunctionsHostSettings.HostId] ?? FunctionsHostOptions.SanitizeHostId(applicationName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FunctionsHostOptions>>(sp => new FunctionsHostValidator(
            sp.GetRequiredService<IConfiguration>(),
            functions,
            sp.GetRequiredService<FunctionKeyPolicy>(),
            isDevelopment,
            managementApi: sp.GetRequiredService<IServiceProviderIsService>().IsService(typeof(DurableTaskClient))));

        services.TryAddSingleton(sp => StorageConnection.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<BlobServiceClient>(sp => sp.GetRequiredService<StorageConnection>().CreateBlobServiceClient());
        services.TryAddSingleton<QueueServiceClient>(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient(
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        services.TryAddSingleton<TableServiceClient>(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient());

        services.AddSingleton(sp => new FunctionKeyStore(
            sp.GetRequiredService<IConfiguration>(), functions.HttpFunctions.Select(f => f.Name)));
        services.AddSingleton<IHealthContributor, StorageHealthContributor>();
        services.AddSingleton<DurableManagementUrls>();
        services.AddHostedService<TimerScheduler>();
        return builder;
    }

    /// <summary>
    /// Adds the HTTP pipeline (problem details for errors and empty 4xx/5xx answers, key checks) and maps every
    /// enabled HTTP function under <c>/{routePrefix}</c>, plus anonymous <c>GET /{routePrefix}/health</c>, and — when a
    /// <see cref="DurableTaskClient"/> is registered — the Durable management API under <c>/runtime/webhooks/durabletask</c>
    /// (system key <c>Host:SystemKeys:durabletask_extension</c> or the master key).
    /// Call once, after <see cref="AddFunctionsHost"/> and <c>Build()</c>.
    /// </summary>
    /// <param name="app">The built application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        string prefix = app.Services.GetRequiredService<IOptions<HttpHostOptions>>().Value.PathPrefix;
        FunctionsBuilder functions = app.Services.GetRequiredService<FunctionsBuilder>();
        if (app.Services.GetRequiredService<FunctionKeyPolicy>().ChecksDisabled)
        {
            Log.KeyChecksDisabled(app.Logger);
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = UnhandledExceptionWriter.WriteAsync });
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<FunctionKeyMiddleware>();

        foreach (HttpFunction function in functions.HttpFunctions.Where(f => !FunctionSwitch.IsDisabled(app.Configuration, f.Name)))
        {
            app.MapMethods($"{prefix}/{function.Route}", function.Methods, function.Handler)
                .WithName(function.Name)
                .WithMetadata(new FunctionEndpointMetadata(function.Name, function.AuthLevel));
        }

        app.MapHealth(prefix);
        if (app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(DurableTaskClient)))
        {
            app.MapDurableManagement();
        }

        return app;
    }

    private static void AddSection<TOptions>(IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionOptionsValidator<TOptions>(section));
    }
}
