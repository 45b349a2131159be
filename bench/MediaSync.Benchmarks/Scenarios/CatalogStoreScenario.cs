using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Core;
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
/// <remarks>
/// <para>The machine is shared, so every phase also reports CPU time per row of this process and of
/// Azurite (a single-threaded Node process): unlike wall-clock rates, those do not swing with the
/// load of other processes, and they show which side is the bottleneck. The baseline runs half before
/// and half after the writer, so a load change during the run affects both sides alike.</para>
/// <para>Two raw-SDK runs show what storage itself allows: full transactions of 100 minimal rows
/// (the ceiling of any writer on this Azurite and machine) and of the same rows as ours, without hash
/// skip, pre-query or run marks (what our writer's extra work costs).</para>
/// </remarks>
internal sealed class CatalogStoreScenario : IBenchmarkScenario
{
    public string Name => "catalog-store";

    public string Description => "batch writer (hash skip, per-partition transactions) vs one upsert per row, on Azurite (--rows 50000 --baseline-rows 5000 --warmup-rows 20000)";

    public async Task<BenchmarkReport> RunAsync(BenchmarkArguments args, CancellationToken cancellationToken)
    {
        int rows = args.Int("rows", 50_000);
        int baselineRows = args.Int("baseline-rows", 5_000);
        int buckets = args.Int("buckets", 16);
        int concurrency = args.Int("concurrency", 8);
        int warmupRows = args.Int("warmup-rows", 20_000);
        int baselineWarmupRows = args.Int("baseline-warmup-rows", 1_000);
        int ceilingRows = args.Int("ceiling-rows", 20_000);

        await using var azurite = await AzuriteServer.StartAsync(TimeSpan.FromSeconds(60));
        var cpu = CpuMeter.ForProcessWith("azurite.js", "--tablePort " + azurite.TablePort.ToString(CultureInfo.InvariantCulture));
        var probe = new TransactionProbe();
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(probe, HttpPipelinePosition.PerCall);
        var tableService = new TableServiceClient(azurite.ConnectionString, clientOptions);

        var report = new BenchmarkReport(Name, "Azurite (in-memory), loopback");
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, load average at start {LoadAverage()}; Azurite CPU {(cpu.SeesOther ? "measured" : "not visible (no /proc)")}"));

        // Warm-up in tables of their own: the JIT's tiering (with dynamic PGO: tier 0, instrumented, tier 1)
        // runs on the same two cores as everything else, and the figures are about the steady state of a long
        // sync, not the first seconds of a process. Measured here: after 5,000 warm-up rows the writer's client
        // CPU was 140-160 µs per row, after 20,000 80-90 µs, as with DOTNET_TieredPGO=0 after 5,000: the
        // difference was the JIT still tiering up.
        await using (var warm = BuildStore(tableService, "warm", concurrency))
        {
            await warm.GetRequiredService<CatalogStore>().WriteAsync(CatalogTable.Items, "warm", Rows(0, warmupRows, buckets, cancellationToken), cancellationToken);
        }

        var baselineTable = tableService.GetTableClient("benchBaseline");
        await baselineTable.CreateIfNotExistsAsync(cancellationToken);
        await UpsertEachAsync(baselineTable, Rows(rows, baselineWarmupRows, buckets, cancellationToken), cancellationToken);

        await using var provider = BuildStore(tableService, "bench", concurrency);
        var store = provider.GetRequiredService<CatalogStore>();

        int firstHalf = baselineRows / 2;
        var baselineA = await MeasureAsync(cpu, () => UpsertEachAsync(baselineTable, Rows(0, firstHalf, buckets, cancellationToken), cancellationToken));
        var transactionsBefore = probe.Totals;
        BatchWriteResult first = default!;
        var ours = await MeasureAsync(cpu, async () => first = await store.WriteAsync(CatalogTable.Items, "run1", Rows(0, rows, buckets, cancellationToken), cancellationToken));
        var transactionsAfter = probe.Totals;
        var baselineB = await MeasureAsync(cpu, () => UpsertEachAsync(baselineTable, Rows(firstHalf, baselineRows - firstHalf, buckets, cancellationToken), cancellationToken));
        var baseline = baselineA + baselineB;

        var ceiling = await MeasureAsync(cpu, () => RawTransactionsAsync(tableService, "benchCeiling", Rows(0, ceilingRows, buckets, cancellationToken), minimal: true, concurrency, cancellationToken));
        var rawSameRows = await MeasureAsync(cpu, () => RawTransactionsAsync(tableService, "benchRaw", Rows(0, ceilingRows, buckets, cancellationToken), minimal: false, concurrency, cancellationToken));

        // Client-only costs, no storage: producing the rows (the benchmark's stand-in for a provider
        // parser, part of every phase above) and our encoding with its content hash.
        var produce = await MeasureAsync(cpu, async () =>
        {
            await foreach (var row in Rows(0, rows, buckets, cancellationToken))
            {
                GC.KeepAlive(row);
            }
        });
        var encode = await MeasureAsync(cpu, async () =>
        {
            await foreach (var row in Rows(0, rows, buckets, cancellationToken))
            {
                GC.KeepAlive(RowEncoder.Encode(row, "run1"));
            }
        });

        BatchWriteResult marks = default!, same = default!;
        var marksPhase = await MeasureAsync(cpu, async () => marks = await store.WriteAsync(CatalogTable.Items, "run2", Rows(0, rows, buckets, cancellationToken), cancellationToken));
        var samePhase = await MeasureAsync(cpu, async () => same = await store.WriteAsync(CatalogTable.Items, "run2", Rows(0, rows, buckets, cancellationToken), cancellationToken));

        long transactionCount = transactionsAfter.Count - transactionsBefore.Count;
        double meanTransactionMs = (transactionsAfter.Time - transactionsBefore.Time).TotalMilliseconds / Math.Max(1, transactionCount);
        double meanTransactionKiB = (transactionsAfter.Bytes - transactionsBefore.Bytes) / 1024.0 / Math.Max(1, transactionsAfter.Sized - transactionsBefore.Sized);

        report.Notes.Add($"ours: {rows:N0} rows over {buckets} partitions, write concurrency {concurrency}: {first.Written:N0} written, {first.Failed} failed, {first.Transactions:N0} transactions ({first.Written / (double)Math.Max(1, first.Transactions):0.0} rows, {meanTransactionKiB:0} KiB, {meanTransactionMs:0} ms each)");
        report.Notes.Add($"  {ours.Describe(rows, "row")}");
        report.Notes.Add($"baseline: {baselineRows:N0} rows, one UpsertEntity (merge) per row, half before and half after ours");
        report.Notes.Add($"  {baseline.Describe(baselineRows, "row")}");
        report.Notes.Add($"ceiling: raw SDK, {ceilingRows:N0} minimal rows (keys only) in transactions of 100, concurrency {concurrency}");
        report.Notes.Add($"  {ceiling.Describe(ceilingRows, "row")}");
        report.Notes.Add($"raw SDK, {ceilingRows:N0} of the same rows as ours in transactions of 100 (no hash skip, pre-query or run mark)");
        report.Notes.Add($"  {rawSameRows.Describe(ceilingRows, "row")}");
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"client only: producing a row {produce.OwnCpuSeconds * 1e6 / rows:0.0} µs CPU, producing and encoding it (keys, hash, entity) {encode.OwnCpuSeconds * 1e6 / rows:0.0} µs"));
        report.Notes.Add($"same rows, new run: {marks.Skipped:N0} unchanged, {marks.RecordedAsSeen:N0} recorded as seen, {marks.Written} written");
        report.Notes.Add($"  {marksPhase.Describe(rows, "row")}");
        report.Notes.Add($"same rows, same run: {same.Skipped:N0} skipped, {same.Transactions} transactions");
        report.Notes.Add($"  {samePhase.Describe(rows, "row")}");
        double azuriteBusy = ours.OtherCpuSeconds / ours.Seconds;
        string verdict = azuriteBusy >= 0.9
            ? "Azurite's one thread was saturated, so it set the rate"
            : "neither was saturated, so the rate was set by the CPU share the machine gave (see cpuBoundRowsPerSec)";
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"during ours Azurite was busy {azuriteBusy:P0} of the time and this process used {ours.OwnCpuSeconds / ours.Seconds:0.00} cores: {verdict}"));
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"  Azurite's JavaScript thread was ready to run but waiting for a CPU {ours.OtherWaitSeconds / ours.Seconds:P0} of the time"));
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"load average at end {LoadAverage()}"));
        if (first.Written != rows || first.Failed != 0 || marks.RecordedAsSeen != rows || same.Transactions != 0)
        {
            report.Notes.Add("CHECK FAILED: counts differ from the expected ones above");
        }

        double rowsPerSec = rows / ours.Seconds;
        double baselineRowsPerSec = baselineRows / baseline.Seconds;
        double cpuPerRow = (ours.OwnCpuSeconds + ours.OtherCpuSeconds) / rows;
        double baselineCpuPerRow = (baseline.OwnCpuSeconds + baseline.OtherCpuSeconds) / baselineRows;
        double ceilingRowsPerSec = ceilingRows / ceiling.Seconds;
        report.Add("rowsPerSec", rowsPerSec)
            .Add("baselineRowsPerSec", baselineRowsPerSec)
            .Add("speedup", rowsPerSec / baselineRowsPerSec)
            .Add("clientCpuUsPerRow", ours.OwnCpuSeconds * 1e6 / rows)
            .Add("azuriteCpuUsPerRow", ours.OtherCpuSeconds * 1e6 / rows)
            .Add("baselineClientCpuUsPerRow", baseline.OwnCpuSeconds * 1e6 / baselineRows)
            .Add("baselineAzuriteCpuUsPerRow", baseline.OtherCpuSeconds * 1e6 / baselineRows)
            .Add("cpuSpeedup", baselineCpuPerRow / cpuPerRow)
            .Add("azuriteBusyFraction", ours.OtherCpuSeconds / ours.Seconds)
            .Add("azuriteWaitingForCpuFraction", ours.OtherWaitSeconds / ours.Seconds)
            .Add("clientBusyCores", ours.OwnCpuSeconds / ours.Seconds)
            .Add("cpuBoundRowsPerSec", CpuBoundRate(ours, rows))
            .Add("baselineCpuBoundRowsPerSec", CpuBoundRate(baseline, baselineRows))
            .Add("ceilingRowsPerSec", ceilingRowsPerSec)
            .Add("ceilingAzuriteCpuUsPerRow", ceiling.OtherCpuSeconds * 1e6 / ceilingRows)
            .Add("rawSdkRowsPerSec", ceilingRows / rawSameRows.Seconds)
            .Add("rawSdkAzuriteCpuUsPerRow", rawSameRows.OtherCpuSeconds * 1e6 / ceilingRows)
            .Add("fractionOfCeiling", rowsPerSec / ceilingRowsPerSec)
            .Add("fractionOfRawSdk", rowsPerSec / (ceilingRows / rawSameRows.Seconds))
            .Add("encodeCpuUsPerRow", (encode.OwnCpuSeconds - produce.OwnCpuSeconds) * 1e6 / rows)
            .Add("meanTransactionMs", meanTransactionMs)
            .Add("meanTransactionKiB", meanTransactionKiB)
            .Add("unchangedNewRunRowsPerSec", rows / marksPhase.Seconds)
            .Add("unchangedSameRunRowsPerSec", rows / samePhase.Seconds)
            .Add("transactions", first.Transactions);
        return report;
    }

    /// <summary>
    /// The rate the measured CPU costs allow with the machine to ourselves: Azurite is one thread, so
    /// at most one core's worth of its cost per row, and both processes together at most every core.
    /// An upper bound (it assumes perfect overlap), comparable between runs whatever the load was.
    /// </summary>
    private static double CpuBoundRate(CpuMeter.Phase phase, int rows)
    {
        double azurite = phase.OtherCpuSeconds / rows;
        double both = (phase.OwnCpuSeconds + phase.OtherCpuSeconds) / rows;
        return Math.Min(azurite > 0 ? 1 / azurite : double.PositiveInfinity, Environment.ProcessorCount / both);
    }

    private static ServiceProvider BuildStore(TableServiceClient tableService, string prefix, int concurrency)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(tableService);
        services.AddCatalogStore(o =>
        {
            o.TablePrefix = prefix;
            o.WriteConcurrency = concurrency;
        });
        return services.BuildServiceProvider();
    }

    private static async Task<CpuMeter.Phase> MeasureAsync(CpuMeter cpu, Func<Task> phase)
    {
        var start = cpu.Read();
        await phase();
        return cpu.Read() - start;
    }

    private static async Task UpsertEachAsync(TableClient table, IAsyncEnumerable<CatalogRow> rows, CancellationToken cancellationToken)
    {
        await foreach (var row in rows)
        {
            await table.UpsertEntityAsync(ToEntity(row, minimal: false), TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>Plain SDK transactions of 100 rows per partition, <paramref name="concurrency"/> in flight, nothing else.</summary>
    private static async Task RawTransactionsAsync(
        TableServiceClient service, string tableName, IAsyncEnumerable<CatalogRow> rows, bool minimal, int concurrency, CancellationToken cancellationToken)
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(cancellationToken);
        using var slots = new SemaphoreSlim(concurrency);
        var pending = new Dictionary<string, List<TableTransactionAction>>(StringComparer.Ordinal);
        var inFlight = new List<Task>();
        async Task SubmitAsync(List<TableTransactionAction> actions)
        {
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }

        async Task DispatchAsync(List<TableTransactionAction> actions)
        {
            await slots.WaitAsync(cancellationToken);
            inFlight.Add(SubmitAsync(actions));
        }

        await foreach (var row in rows)
        {
            var entity = ToEntity(row, minimal);
            if (!pending.TryGetValue(entity.PartitionKey, out var actions))
            {
                actions = [];
                pending[entity.PartitionKey] = actions;
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            if (actions.Count == 100)
            {
                pending.Remove(entity.PartitionKey);
                await DispatchAsync(actions);
            }
        }

        foreach (var actions in pending.Values)
        {
            await DispatchAsync(actions);
        }

        await Task.WhenAll(inFlight);
    }

    private static TableEntity ToEntity(CatalogRow row, bool minimal)
    {
        var entity = new TableEntity(TableKeyEscaper.Escape(row.PartitionKey), TableKeyEscaper.Escape(row.RowKey));
        if (!minimal)
        {
            foreach (var (name, value) in row.Properties)
            {
                entity[name] = value;
            }
        }

        return entity;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async IAsyncEnumerable<CatalogRow> Rows(int start, int count, int buckets, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var added = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = start; i < start + count; i++)
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
