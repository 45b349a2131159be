using System.Collections.Concurrent;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;
using MediaSync.Durable;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>
/// One show of the per-show strategy: its seasons once, every season's episodes in parallel (bounded), all of them
/// into the show's one Episodes partition (full batches), then the checkpoint.
/// </summary>
internal sealed class TvSyncShowActivity(TvServers servers, TvCatalogWriter writer, IOptionsMonitor<TvSyncOptions> options) : TaskActivity<TvShowWork, UnitCounts>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "TvSyncShow";

    /// <inheritdoc />
    public override async Task<UnitCounts> RunAsync(TaskActivityContext context, TvShowWork input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        CancellationToken cancellationToken = context.CancellationToken;
        ITvServer server = servers.For(input.SourceId);
        IReadOnlyList<TvSeason> seasons = await server.GetSeasonsAsync(input.ShowId, cancellationToken).ConfigureAwait(false);
        var episodes = new ConcurrentBag<TvEpisode>();
        await Parallel.ForEachAsync(
            seasons,
            new ParallelOptions { MaxDegreeOfParallelism = options.CurrentValue.SeasonConcurrency, CancellationToken = cancellationToken },
            async (season, ct) =>
            {
                foreach (TvEpisode episode in await server.GetEpisodesAsync(season, ct).ConfigureAwait(false))
                {
                    episodes.Add(episode);
                }
            }).ConfigureAwait(false);

        UnitCounts counts = await writer.WriteEpisodesAsync(input.SourceId, input.RunId, episodes, input.ShowId, input.FirstSync, cancellationToken).ConfigureAwait(false);
        await writer.CompleteUnitAsync(input.SourceId, input.RunId, TvRows.ShowUnit(input.ShowId), counts, cancellationToken).ConfigureAwait(false);
        return counts;
    }
}
