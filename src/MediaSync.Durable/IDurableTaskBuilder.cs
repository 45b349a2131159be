using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Durable;

/// <summary>Configures the durable runtime after <see cref="DurableServiceCollectionExtensions.AddMediaSyncDurable"/>.</summary>
public interface IDurableTaskBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }
}
