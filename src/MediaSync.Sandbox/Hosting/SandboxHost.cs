using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Text;
using MediaSync.Sandbox.Endpoints;
using MediaSync.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaSync.Sandbox;

/// <summary>
/// The sandbox providers running in-process on loopback: <c>await using var sandbox = await SandboxHost.StartAsync(options);</c>.
/// Every provider shares one Kestrel listener; use the per-provider URIs so a later split costs callers nothing.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    private SandboxHost(WebApplication app, CancellationTokenSource stopping, Uri baseUri, SandboxOptions options, SandboxCatalog catalog, SandboxControl control, SandboxCounters counters)
    {
        _app = app;
        _stopping = stopping;
        BaseUri = baseUri;
        Options = options;
        Catalog = catalog;
        Control = control;
        Counters = counters;
    }

    /// <summary>Gets the root URI every provider is served under (ends with a slash).</summary>
    public Uri BaseUri { get; }

    /// <summary>Gets the Xtream Codes base URL (append <c>player_api.php</c>, <c>get.php</c> or a stream path).</summary>
    public Uri XtreamUri => BaseUri;

    /// <summary>Gets the Jellyfin server URL.</summary>
    public Uri JellyfinUri => BaseUri;

    /// <summary>Gets the Plex Media Server URL.</summary>
    public Uri PlexUri => BaseUri;

    /// <summary>Gets the TMDb API v3 base URL (ends with <c>/3/</c>).</summary>
    public Uri TmdbUri => new(BaseUri, "3/");

    /// <summary>Gets the Dispatcharr URL.</summary>
    public Uri DispatcharrUri => BaseUri;

    /// <summary>Gets the options the sandbox runs with, credentials included.</summary>
    public SandboxOptions Options { get; }

    /// <summary>Gets the first account (the usual Xtream login of a test).</summary>
    public SandboxAccount Account => Options.Catalog.Accounts[0];

    /// <summary>Gets the catalog served, i.e. the data a sync is expected to end up with.</summary>
    public SandboxCatalog Catalog { get; }

    /// <summary>Gets the run-time knobs.</summary>
    public SandboxControl Control { get; }

    /// <summary>Gets the counters.</summary>
    public SandboxCounters Counters { get; }

    /// <summary>Starts the sandbox on 127.0.0.1.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sandbox; dispose it to stop.</returns>
    /// <exception cref="ValidationException">An option is out of range, with the option's name.</exception>
    public static async Task<SandboxHost> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        Validate(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        // The sandbox is configured by SandboxOptions alone: an appsettings.json or ASPNETCORE_* variable of the
        // hosting test run must not add endpoints or change behaviour.
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        // Request logs carry URLs, and Xtream URLs carry credentials: only warnings, never per-request lines.
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MediaSync.Sandbox");
        var catalog = new SandboxCatalog(options.Catalog, options.TimeProvider);
        var control = new SandboxControl(options, catalog);
        var counters = new SandboxCounters();
        var gate = new SandboxGate(options, control, counters, logger, stopping.Token);
        var services = new SandboxServices(options, catalog, control, counters, gate, logger);
        app.MapSandboxProviders(services);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var baseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        Log.Started(logger, baseUri);
        return new SandboxHost(app, stopping, baseUri, options, catalog, control, counters);
    }

    /// <summary>Describes URLs and credentials for a human starting the sandbox by hand (it prints secrets on purpose: they are the sandbox's own).</summary>
    /// <returns>Several lines of text.</returns>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"MediaSync sandbox on {BaseUri}");
        foreach (var account in Options.Catalog.Accounts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Xtream       {XtreamUri}player_api.php?username={account.Username}&password={account.Password}  (max_connections {account.MaxConnections})");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  M3U          {XtreamUri}get.php?username={Account.Username}&password={Account.Password}&type=m3u_plus&output=ts");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Jellyfin     {JellyfinUri}  Authorization: MediaBrowser Token=\"{Options.JellyfinApiKey}\"  library {Catalog.JellyfinLibraryId}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Plex         {PlexUri}  X-Plex-Token: {Options.PlexToken}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  TMDb         {TmdbUri}  Authorization: Bearer {Options.TmdbToken}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Dispatcharr  {DispatcharrUri}  {Options.DispatcharrUsername} / {Options.DispatcharrPassword}, X-API-Key: {Options.DispatcharrApiKey}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Catalog      seed {Catalog.Seed}: {Catalog.LiveChannelCount} live, {Catalog.MovieCount} movies, {Catalog.SeriesCount} series, {Catalog.TvShowCount} TV shows");
        return text.ToString();
    }

    /// <summary>Stops the listener; open streams and hung calls end at once.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static void Validate(SandboxOptions options)
    {
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        ArgumentNullException.ThrowIfNull(options.Catalog, "options.Catalog");
        Validator.ValidateObject(options.Catalog, new ValidationContext(options.Catalog), validateAllProperties: true);
        if (options.Catalog.Accounts is null || options.Catalog.Accounts.Count == 0)
        {
            throw new ValidationException("SandboxCatalogOptions.Accounts needs at least one account.");
        }

        for (var i = 0; i < options.Catalog.Accounts.Count; i++)
        {
            var account = options.Catalog.Accounts[i] ?? throw new ValidationException($"SandboxCatalogOptions.Accounts[{i}] is null.");
            Validator.ValidateObject(account, new ValidationContext(account), validateAllProperties: true);
            if (account.Username.Contains('/', StringComparison.Ordinal) || account.Password.Contains('/', StringComparison.Ordinal))
            {
                throw new ValidationException($"SandboxCatalogOptions.Accounts[{i}]: user name and password may not contain '/' (they are path segments of stream URLs).");
            }
        }

        var duplicate = options.Catalog.Accounts.GroupBy(a => a.Username, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ValidationException($"SandboxCatalogOptions.Accounts: user name '{duplicate.Key}' appears more than once.");
        }

        if (options.MaxLatency != TimeSpan.Zero && options.MaxLatency < options.MinLatency)
        {
            throw new ValidationException("SandboxOptions.MaxLatency is below MinLatency.");
        }
    }
}
