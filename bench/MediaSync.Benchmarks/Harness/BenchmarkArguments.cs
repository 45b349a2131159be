using System.Globalization;

namespace MediaSync.Benchmarks.Harness;

/// <summary><c>--name value</c> pairs after the scenario name; ranges are written <c>50-150</c>.</summary>
internal sealed class BenchmarkArguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);

    public BenchmarkArguments(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}': options are written --name value.");
            }

            string name = args[i][2..];
            string value = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            values[name] = value;
        }
    }

    public int Int(string name, int defaultValue) =>
        values.TryGetValue(name, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : defaultValue;

    public double Double(string name, double defaultValue) =>
        values.TryGetValue(name, out string? v) ? double.Parse(v, CultureInfo.InvariantCulture) : defaultValue;

    public string String(string name, string defaultValue) => values.TryGetValue(name, out string? v) ? v : defaultValue;

    public bool Flag(string name) => values.TryGetValue(name, out string? v) && v != "false";

    /// <summary>A range such as <c>50-150</c>; a single number means a fixed value.</summary>
    public (int Min, int Max) Range(string name, int defaultMin, int defaultMax)
    {
        if (!values.TryGetValue(name, out string? v))
        {
            return (defaultMin, defaultMax);
        }

        string[] parts = v.Split('-', 2);
        int min = int.Parse(parts[0], CultureInfo.InvariantCulture);
        return (min, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : min);
    }
}
