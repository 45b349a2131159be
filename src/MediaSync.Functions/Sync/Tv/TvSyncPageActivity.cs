using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;
using MediaSync.Durable;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>One page of a library's bulk episode listing: fetched once, stored in its shows' Episodes partitions, checkpointed.</summary>
internal sealed class TvSyncPageActivity(TvServers servers, TvCatalogWriter writer) : TaskActivity<TvPageWork, UnitCounts>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "TvSyncPage";

    /// <inheritdoc />
    public override async Task<UnitCounts> RunAsync(TaskActivityContext context, TvPageWork input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        CancellationToken cancellationToken = context.CancellationToken;
        ItemPage<TvEpisode> page = await servers.For(input.SourceId)
            .GetEpisodePageAsync(input.LibraryId, input.Page * input.PageSize, input.PageSize, input.Since, withTotal: false, cancellationToken)
            .ConfigureAwait(false);
        UnitCounts counts = await writer.WriteEpisodesAsync(input.SourceId, input.RunId, page.Items, null, input.FirstSync, cancellationToken).ConfigureAwait(false);
        await writer.CompleteUnitAsync(input.SourceId, input.RunId, TvRows.PageUnit(input.LibraryId, input.Page), counts, cancellationToken).ConfigureAwait(false);
        return counts;
    }
}
