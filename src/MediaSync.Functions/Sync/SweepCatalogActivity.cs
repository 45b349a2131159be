using MediaSync.Catalog.Storage;
using MediaSync.Durable;

namespace MediaSync.Functions.Sync;

/// <summary>Deletes the source's rows a complete full run did not see (the store refuses any other run).</summary>
internal sealed class SweepCatalogActivity(CatalogStore store) : TaskActivity<SweepCatalogInput, int>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "SweepCatalog";

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, SweepCatalogInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        SweepResult result = await store.Sweeper.SweepAsync(input.SourceId, input.RunId, context.CancellationToken).ConfigureAwait(false);
        return result.Total;
    }
}
