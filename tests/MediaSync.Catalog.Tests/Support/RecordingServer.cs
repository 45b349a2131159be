using System.Collections.Concurrent;
using MediaSync.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaSync.Catalog.Tests.Support;

/// <summary>A real Kestrel server on 127.0.0.1:0 that records every request and counts requests in flight.</summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int inFlight;
    private int maxInFlight;

    private RecordingServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The most requests seen at once, each from its arrival until its response started.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public int RequestCount => Requests.Count;

    public static async Task<RecordingServer> StartAsync(Func<HttpContext, Task> handler)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new RecordingServer(app);
        app.Run(async context =>
        {
            server.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                DateTimeOffset.FromUnixTimeMilliseconds(Environment.TickCount64)));
            Peak.Raise(ref server.maxInFlight, Interlocked.Increment(ref server.inFlight));

            // A client's concurrency limiter gives its permit back when the response headers arrive, and its next request
            // may then reach us before this handler has returned: a request is in flight until its response starts.
            int left = 0;
            void Leave()
            {
                if (Interlocked.Exchange(ref left, 1) == 0)
                {
                    Interlocked.Decrement(ref server.inFlight);
                }
            }

            context.Response.OnStarting(() =>
            {
                Leave();
                return Task.CompletedTask;
            });
            try
            {
                await handler(context);
            }
            finally
            {
                Leave();
            }
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/");
        return server;
    }

    /// <summary>Serves the same body for every request.</summary>
    public static Task<RecordingServer> StartAsync(string body, string contentType = "application/json", int status = 200) =>
        StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>What the server saw; <see cref="ReceivedAt"/> is taken from a monotonic clock.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ReceivedAt)
{
    public string Header(string name) => Headers.TryGetValue(name, out string? value) ? value : string.Empty;
}
