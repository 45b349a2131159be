using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using MediaSync.Benchmarks.Harness;
using MediaSync.Catalog.Storage;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// The catalog batch writer against one upsert per row, on the same Azurite in the same process.
/// Also measures re-writing the same rows: in a new run (only run marks are refreshed) and again in the
/// same run (nothing is sent but the per-partition hash query).
/// </summary>
internal sealed class CatalogStoreScenario : IBenchmarkScenario
{
    public string Name => "catalog-store";

    public string Description => "batch writer (hash skip, per-partition transactions) vs one upsert per row, on Azurite";

    public async Task<BenchmarkReport> RunAsync(BenchmarkArguments args, CancellationToken cancellationToken)
    {
        int rows = args.Int("rows", 50_000);
        int baselineRows = args.Int("baseline-rows", 5_000);
        int buckets = args.Int("buckets", 16);
        int concurrency = args.Int("concurrency", 8);

        await using var azurite = await AzuriteServer.StartAsync(TimeSpan.FromSeconds(60));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCatalogStore(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TablePrefix = "bench";
            o.WriteConcurrency = concurrency;
        });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<CatalogStore>();

        var report = new BenchmarkReport(Name, "Azurite (in-memory), loopback");

        var (first, firstSeconds) = await TimeAsync(() => store.WriteAsync(CatalogTable.Items, "run1", Rows(rows, buckets, cancellationToken), cancellationToken));
        var (marks, marksSeconds) = await TimeAsync(() => store.WriteAsync(CatalogTable.Items, "run2", Rows(rows, buckets, cancellationToken), cancellationToken));
        var (same, sameSeconds) = await TimeAsync(() => store.WriteAsync(CatalogTable.Items, "run2", Rows(rows, buckets, cancellationToken), cancellationToken));

        var baselineTable = new TableServiceClient(azurite.ConnectionString).GetTableClient("benchBaseline");
        await baselineTable.CreateIfNotExistsAsync(cancellationToken);
        var baseline = Stopwatch.StartNew();
        await foreach (var row in Rows(baselineRows, buckets, cancellationToken))
        {
            var entity = new TableEntity(TableKeyEscaper.Escape(row.PartitionKey), TableKeyEscaper.Escape(row.RowKey));
            foreach (var (name, value) in row.Properties)
            {
                entity[name] = value;
            }

            await baselineTable.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
        }

        double baselineSeconds = baseline.Elapsed.TotalSeconds;

        report.Notes.Add($"ours: {rows:N0} rows over {buckets} partitions, write concurrency {concurrency}: {first.Written:N0} written, {first.Failed} failed, {first.Transactions:N0} transactions in {firstSeconds:0.00}s");
        report.Notes.Add($"same rows, new run: {marks.Skipped:N0} unchanged, {marks.RecordedAsSeen:N0} recorded as seen, {marks.Written} written in {marksSeconds:0.00}s");
        report.Notes.Add($"same rows, same run: {same.Skipped:N0} skipped, {same.Transactions} transactions in {sameSeconds:0.00}s");
        report.Notes.Add($"baseline: {baselineRows:N0} rows, one UpsertEntity (merge) per row, in {baselineSeconds:0.00}s");
        if (first.Written != rows || first.Failed != 0 || marks.RecordedAsSeen != rows || same.Transactions != 0)
        {
            report.Notes.Add("CHECK FAILED: counts differ from the expected ones above");
        }

        double rowsPerSec = rows / firstSeconds;
        double baselineRowsPerSec = baselineRows / baselineSeconds;
        report.Add("rowsPerSec", rowsPerSec)
            .Add("baselineRowsPerSec", baselineRowsPerSec)
            .Add("speedup", rowsPerSec / baselineRowsPerSec)
            .Add("unchangedNewRunRowsPerSec", rows / marksSeconds)
            .Add("unchangedSameRunRowsPerSec", rows / sameSeconds)
            .Add("transactions", first.Transactions);
        return report;
    }

    private static async Task<(BatchWriteResult Result, double Seconds)> TimeAsync(Func<Task<BatchWriteResult>> write)
    {
        var clock = Stopwatch.StartNew();
        var result = await write();
        return (result, clock.Elapsed.TotalSeconds);
    }

    private static async IAsyncEnumerable<CatalogRow> Rows(int count, int buckets, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var added = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string id = i.ToString(CultureInfo.InvariantCulture);
            yield return new CatalogRow(CatalogKeys.ItemsPartition("bench", "vod", id, buckets), id)
                .Set("Name", $"Movie number {i} (a title of typical length)")
                .Set("CategoryId", (long)(i % 40))
                .Set("StreamUrl", $"http://provider.example/movie/{i}.mkv")
                .Set("Icon", $"http://img.example/posters/{i}.jpg")
                .Set("Plot", "A plot summary of a few sentences, as providers send it, long enough to be realistic.")
                .Set("Rating", (i % 100) / 10.0)
                .Set("Year", 1970L + (i % 55))
                .Set("Added", added.AddMinutes(i))
                .Set("Adult", false);
            if (i % 1000 == 999)
            {
                // A provider page boundary: lets the writer's transactions run while the next page is parsed.
                await Task.Yield();
            }
        }
    }
}
