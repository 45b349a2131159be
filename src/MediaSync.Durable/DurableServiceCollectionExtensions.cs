using MediaSync.Durable.Client;
using MediaSync.Durable.Engine;
using MediaSync.Durable.Partitioning;
using Azure.Core;
using MediaSync.Durable.Storage;
using MediaSync.Durable.Storage.AzureStorage;
using MediaSync.Durable.Storage.InMemory;
using MediaSync.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Durable;

/// <summary>Registers the durable runtime: options, task registry, client and (optionally) the worker.</summary>
public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable runtime. Bind options from configuration (e.g. host.json's
    /// <c>extensions:durableTask</c>) with <paramref name="configure"/>, register tasks with
    /// <see cref="AddTasks"/>, and pick a backend with <see cref="UseInMemoryStorage"/> or an Azure Storage one.
    /// </summary>
    public static IDurableTaskBuilder AddMediaSyncDurable(this IServiceCollection services, Action<DurableTaskOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<DurableTaskOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DurableTaskRegistry>();
        services.TryAddSingleton<TaskHub>();
        services.TryAddSingleton(new WorkerIdentity($"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"));
        services.TryAddSingleton<DurableTaskClient>(sp => new StorageDurableTaskClient(sp.GetRequiredService<TaskHub>()));
        services.TryAddSingleton<IPartitionManager>(sp => new AllPartitionsManager(sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.StorageProvider.PartitionCount));
        services.TryAddSingleton<DurableWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableWorker>());
        return new Builder(services);
    }

    /// <summary>Registers orchestrators and activities.</summary>
    public static IDurableTaskBuilder AddTasks(this IDurableTaskBuilder builder, Action<DurableTaskRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddSingleton(new TaskRegistration(configure));
        builder.Services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var registry = new DurableTaskRegistry();
            foreach (var registration in sp.GetServices<TaskRegistration>())
            {
                registration.Configure(registry);
            }

            return registry;
        }));
        return builder;
    }

    /// <summary>Keeps queues, tables and blobs in process memory: fast tests, no persistence.</summary>
    public static IDurableTaskBuilder UseInMemoryStorage(this IDurableTaskBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IStorageProvider>(sp => new InMemoryStorageProvider(sp.GetRequiredService<TimeProvider>())));
        return builder;
    }

    /// <summary>
    /// Uses an Azure Storage account (or Azurite) through a connection string, with partition
    /// ownership by blob leases so several hosts share the task hub.
    /// </summary>
    public static IDurableTaskBuilder UseAzureStorage(this IDurableTaskBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseStorage(sp => new AzureStorageProvider(connectionString, logger: StorageLogger(sp))).UseLeasePartitioning();
    }

    /// <summary>Uses an Azure Storage account by its service endpoints and an identity (no keys), with lease-based partition ownership.</summary>
    public static IDurableTaskBuilder UseAzureStorage(this IDurableTaskBuilder builder, Uri queueServiceUri, Uri tableServiceUri, Uri blobServiceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseStorage(sp => new AzureStorageProvider(queueServiceUri, tableServiceUri, blobServiceUri, credential, logger: StorageLogger(sp))).UseLeasePartitioning();
    }

    private static ILogger? StorageLogger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("MediaSync.Durable.Storage");

    /// <summary>Shares partitions between hosts through blob leases (the default for Azure Storage).</summary>
    internal static IDurableTaskBuilder UseLeasePartitioning(this IDurableTaskBuilder builder)
    {
        builder.Services.Replace(ServiceDescriptor.Singleton<IPartitionManager>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value;
            return new LeasePartitionManager(
                sp.GetRequiredService<IStorageProvider>(),
                new PartitionManagerOptions
                {
                    HubName = options.HubName,
                    WorkerId = sp.GetRequiredService<WorkerIdentity>().Id,
                    PartitionCount = options.StorageProvider.PartitionCount,
                    MaxProgressAge = PartitionManagerOptions.ProgressWindowFor(options.StorageProvider.MaxQueuePollingInterval),
                },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<LeasePartitionManager>>());
        }));
        return builder;
    }

    /// <summary>Uses a given storage provider (tests inject fault injectors or a shared in-memory store this way).</summary>
    internal static IDurableTaskBuilder UseStorage(this IDurableTaskBuilder builder, Func<IServiceProvider, IStorageProvider> factory)
    {
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    private sealed class Builder(IServiceCollection services) : IDurableTaskBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    private sealed record TaskRegistration(Action<DurableTaskRegistry> Configure);
}
