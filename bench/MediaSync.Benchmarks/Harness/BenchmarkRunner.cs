using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace MediaSync.Benchmarks.Harness;

/// <summary>Finds the scenario named on the command line, runs it and prints the table and the JSON last line.</summary>
internal static class BenchmarkRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scenarios = typeof(BenchmarkRunner).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkScenario).IsAssignableFrom(t))
            .Select(t => (IBenchmarkScenario)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

        var scenario = args.Length > 0 ? scenarios.FirstOrDefault(s => s.Name == args[0]) : null;
        if (scenario is null)
        {
            Console.Error.WriteLine("usage: MediaSync.Benchmarks <scenario> [--option value ...]");
            foreach (var s in scenarios)
            {
                Console.Error.WriteLine($"  {s.Name,-16} {s.Description}");
            }

            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        var report = await scenario.RunAsync(new BenchmarkArguments(args.Skip(1).ToList()), cts.Token);
        Print(report);
        return 0;
    }

    private static void Print(BenchmarkReport report)
    {
        Console.WriteLine();
        Console.WriteLine($"scenario {report.Scenario} on {report.Backend}");
        foreach (string note in report.Notes)
        {
            Console.WriteLine($"  {note}");
        }

        int width = Math.Max(10, report.Metrics.Count == 0 ? 0 : report.Metrics.Max(m => m.Key.Length));
        Console.WriteLine($"  {"metric".PadRight(width)}  {"value",14}");
        foreach (var (name, value) in report.Metrics)
        {
            Console.WriteLine($"  {name.PadRight(width)}  {value.ToString("0.###", CultureInfo.InvariantCulture),14}");
        }

        var metrics = report.Metrics.ToDictionary(m => m.Key, m => Math.Round(m.Value, 3));
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["scenario"] = report.Scenario,
            ["backend"] = report.Backend,
            ["metrics"] = metrics,
        }));
    }
}
