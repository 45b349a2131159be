using MediaSync.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Streams.Tests.Support;

/// <summary>A TS upstream plus the relay endpoint in its own slim app, and a client for viewers.</summary>
internal sealed class RelayHost : IAsyncDisposable
{
    private RelayHost(TsUpstream upstream, LoopbackServer relayServer, FakeViewerSlotGate gate, FakeStreamSourceResolver resolver)
    {
        Upstream = upstream;
        RelayServer = relayServer;
        Gate = gate;
        Resolver = resolver;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public TsUpstream Upstream { get; }

    public LoopbackServer RelayServer { get; }

    public FakeViewerSlotGate Gate { get; }

    public FakeStreamSourceResolver Resolver { get; }

    public HttpClient Client { get; }

    public StreamRelay Relay => RelayServer.App.Services.GetRequiredService<StreamRelay>();

    public static async Task<RelayHost> StartAsync(int upstreamBytesPerSecond, Action<StreamRelayOptions>? configure = null)
    {
        var upstream = await TsUpstream.StartAsync(upstreamBytesPerSecond);
        var gate = new FakeViewerSlotGate();
        var resolver = new FakeStreamSourceResolver();
        resolver.Sources["42"] = new StreamSource(upstream.StreamUrl("42"), "acme");
        var relayServer = await LoopbackServer.StartAsync(
            app => app.MapStreamRelay(),
            services =>
            {
                services.AddSingleton<IViewerSlotGate>(gate);
                services.AddSingleton<IStreamSourceResolver>(resolver);
                services.AddStreamRelay(options =>
                {
                    options.GracePeriod = TimeSpan.FromMilliseconds(200);
                    configure?.Invoke(options);
                });
            });
        return new RelayHost(upstream, relayServer, gate, resolver);
    }

    public Uri LiveUrl(string streamId) => RelayServer.Url($"api/streams/{streamId}/live");

    /// <summary>Opens a viewer and returns once the relay answered with headers.</summary>
    public async Task<Viewer> ConnectAsync(string streamId = "42")
    {
        var response = await Client.GetAsync(LiveUrl(streamId), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new Viewer(response, await response.Content.ReadAsStreamAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await RelayServer.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    internal sealed class Viewer(HttpResponseMessage response, Stream body) : IDisposable
    {
        public Stream Body { get; } = body;

        public async Task<byte[]> ReadAsync(int count, TimeSpan timeout)
        {
            using var limit = new CancellationTokenSource(timeout);
            var bytes = new byte[count];
            await Body.ReadExactlyAsync(bytes, limit.Token);
            return bytes;
        }

        /// <summary>Reads until the relay ends the response; true when it ended cleanly (end of body).</summary>
        public async Task<bool> ReadToEndAsync(TimeSpan timeout)
        {
            using var limit = new CancellationTokenSource(timeout);
            var buffer = new byte[64 * 1024];
            try
            {
                while (await Body.ReadAsync(buffer, limit.Token) > 0)
                {
                }

                return true;
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            Body.Dispose();
            response.Dispose();
        }
    }
}
