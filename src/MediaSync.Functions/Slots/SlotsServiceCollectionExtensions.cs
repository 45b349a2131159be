using MediaSync.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaSync.Functions.Slots;

/// <summary>Registers the slots' read model and the relay's viewer slot gate (the entities are declared in FunctionCatalog).</summary>
internal static class SlotsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="SlotsReader"/> and <see cref="EntityViewerSlotGate"/> as the <see cref="IViewerSlotGate"/>, with options from <c>Slots:Viewer</c>.</summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddStreamSlots(this IServiceCollection services)
    {
        services.AddOptions<ViewerSlotGateOptions>().BindConfiguration(ViewerSlotGateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlotsReader>();
        services.TryAddSingleton<IViewerSlotGate, EntityViewerSlotGate>();
        return services;
    }
}
