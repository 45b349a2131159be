using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;
using MediaSync.Durable;
using MediaSync.Functions.Sources;

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>
/// Streams a kind's categories into the Categories table and answers which of them this run still has to sync
/// (a resumed run skips the ones it completed before).
/// </summary>
internal sealed class XtreamCategoriesActivity(SourceDirectory sources, SourceClients clients, CatalogStore store)
    : TaskActivity<XtreamKindInput, XtreamCategoryList>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "XtreamCategories";

    /// <inheritdoc />
    public override async Task<XtreamCategoryList> RunAsync(TaskActivityContext context, XtreamKindInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        CancellationToken cancellationToken = context.CancellationToken;
        ConfiguredSource source = sources.Get(input.SourceId);
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var writer = await store.CreateWriterAsync(CatalogTable.Categories, input.RunId, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            await foreach (CatalogCategory category in clients.Xtream(source).GetCategoriesAsync(input.Kind, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(category.Id))
                {
                    ids.Add(category.Id);
                    await writer.AddAsync(XtreamRows.Category(source.Id, category), cancellationToken).ConfigureAwait(false);
                }
            }

            BatchWriteResult written = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (written.Failed > 0)
            {
                // A category row that is not stored would be swept away by a "complete" run: fail the kind instead.
                throw new InvalidOperationException(
                    $"{written.Failed} {XtreamKinds.Name(input.Kind)} category rows of source '{source.Id}' could not be stored: {(written.Failures.Count > 0 ? written.Failures[0].Reason : "see the log")}");
            }
        }

        var completed = await store.Checkpoints.GetCompletedUnitsAsync(source.Id, input.RunId, cancellationToken).ConfigureAwait(false);
        return new XtreamCategoryList(ids.Where(id => !completed.ContainsKey(XtreamKinds.UnitKey(input.Kind, id))).ToList(), ids.Count);
    }
}
