using MediaSync.Streams.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaSync.Streams.Tests;

public sealed class StreamsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddStreamProber_Defaults_ResolveAProber()
    {
        using var provider = CreateServices(services => services.AddStreamProber()).BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<StreamProber>());
        Assert.Equal(5, provider.GetRequiredService<IOptions<StreamProberOptions>>().Value.MaxRedirects);
    }

    [Fact]
    public void AddStreamRelay_OutOfRangeOption_FailsValidationNamingTheSetting()
    {
        using var provider = CreateServices(services =>
        {
            services.AddSingleton<IViewerSlotGate>(new FakeViewerSlotGate());
            services.AddSingleton<IStreamSourceResolver>(new FakeStreamSourceResolver());
            services.AddStreamRelay(o => o.ViewerQueueCapacity = 1);
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<StreamRelay>());
        Assert.Contains(nameof(StreamRelayOptions.ViewerQueueCapacity), error.Message, StringComparison.Ordinal);
    }

    private static ServiceCollection CreateServices(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        configure(services);
        return services;
    }
}
