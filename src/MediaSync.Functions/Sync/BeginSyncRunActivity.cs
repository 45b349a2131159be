using MediaSync.Catalog.Storage;
using MediaSync.Catalog.Tmdb;
using MediaSync.Durable;
using MediaSync.Functions.Sources;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sync;

/// <summary>Starts a new SyncRuns run, or resumes the source's last unfinished one when asked to.</summary>
internal sealed class BeginSyncRunActivity(
    SourceDirectory sources, CatalogStore store, IOptionsMonitor<SyncOptions> options, IOptionsMonitor<TmdbClientOptions> tmdb)
    : TaskActivity<CatalogSyncInput, SyncRunStarted>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "BeginSyncRun";

    /// <inheritdoc />
    public override async Task<SyncRunStarted> RunAsync(TaskActivityContext context, CatalogSyncInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ConfiguredSource source = sources.Get(input.SourceId);
        CancellationToken cancellationToken = context.CancellationToken;

        // Resuming keeps the run id (and so its row marks, which the sweep relies on); a run that is still marked
        // Running (its host died) is resumed the same way as a canceled or failed one.
        ResumePoint? unfinished = input.Resume
            ? await store.Checkpoints.FindUnfinishedRunAsync(source.Id, cancellationToken).ConfigureAwait(false)
            : null;
        SyncRun run = unfinished is not null
            ? await store.Checkpoints.ResumeRunAsync(source.Id, unfinished.Run.RunId, cancellationToken).ConfigureAwait(false)
            : await store.Checkpoints.StartRunAsync(source.Id, ModeFor(source.Kind, input.Mode), cancellationToken).ConfigureAwait(false);
        string? resumed = unfinished?.Run.RunId;
        await store.Checkpoints.AbandonStaleRunsAsync(source.Id, run.RunId, cancellationToken).ConfigureAwait(false);

        TmdbClientOptions tmdbOptions = tmdb.CurrentValue;
        bool tmdbConfigured = !string.IsNullOrEmpty(tmdbOptions.ReadAccessToken) || !string.IsNullOrEmpty(tmdbOptions.ApiKey);
        return new SyncRunStarted(run.RunId, resumed, run.Mode, source.Kind, options.CurrentValue.XtreamKindConcurrency, tmdbConfigured);
    }

    /// <summary>
    /// Xtream and M3U have no change feed: every run lists the whole catalog (series info is fetched only for new or
    /// changed series either way), so an "incremental" run of such a source is a full one. Recorded as full, a complete
    /// scheduled run sweeps what the provider removed, and the old row of an item that moved category, instead of keeping
    /// them until someone starts a full run by hand.
    /// </summary>
    private static SyncMode ModeFor(SourceKind kind, SyncMode requested) =>
        kind is SourceKind.Xtream or SourceKind.M3u ? SyncMode.Full : requested;
}
