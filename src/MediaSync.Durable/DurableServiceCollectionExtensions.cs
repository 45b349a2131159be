using MediaSync.Durable.Client;
using MediaSync.Durable.Engine;
using MediaSync.Durable.Partitioning;
using MediaSync.Durable.Storage;
using MediaSync.Durable.Storage.InMemory;
using MediaSync.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
